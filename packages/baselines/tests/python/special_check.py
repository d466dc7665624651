# Reference values from scipy.special for the special-function tests.
# Input (stdin JSON): {"lgamma": [x...], "digamma": [x...], "hyp2f1": [[a, b, c, z]...]}
import json, sys
from scipy.special import digamma, gammaln, hyp2f1
import numpy as np

req = json.load(sys.stdin)
print(json.dumps({
    "lgamma": [float(gammaln(x)) for x in req["lgamma"]],
    "digamma": [float(digamma(x)) for x in req["digamma"]],
    "hyp2f1": [float(np.log(hyp2f1(a, b, c, z))) for a, b, c, z in req["hyp2f1"]],
}))
