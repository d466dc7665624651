# Independent reference for packages/trees: trains XGBoost (Debian's python3-xgboost 1.7.4, in
# /usr/bin/python3's dist-packages) with the hyper-parameters the TypeScript side used, on the
# same float32 matrices, and writes test-fold margins (and pred_contribs SHAP values) as
# little-endian float64 files. Request JSON on stdin:
#   {train, test: paths of row-major float32 matrices; n_train, n_test, p;
#    runs: [{name, params, rounds, label: path of float64 labels, contribs: bool, contribs_rows?,
#            valid_label?: path, early_stopping_rounds?}]}
# Reply JSON on stdout: {xgboost: version, runs: {name: {margin, contribs?: paths,
#   train_s, train_cpu_s (all threads), dmatrix_s, best_iteration}}}. Exit 3 when xgboost cannot be imported.
import json
import sys
import time

try:
    import numpy as np
    import xgboost as xgb
except ImportError as err:
    print(f"xgboost-reference: cannot import xgboost/numpy in {sys.executable} ({err}); "
          "install Debian's python3-xgboost (tools/run-tests.ts does)", file=sys.stderr)
    sys.exit(3)

req = json.load(sys.stdin)
p = req['p']
X = np.fromfile(req['train'], dtype='<f4').reshape(req['n_train'], p)
Xt = np.fromfile(req['test'], dtype='<f4').reshape(req['n_test'], p)
out = {'xgboost': xgb.__version__, 'runs': {}}
for run in req['runs']:
    y = np.fromfile(run['label'], dtype='<f8')
    nthread = run['params'].get('nthread', 1)
    t0 = time.perf_counter()
    dtrain = xgb.DMatrix(X, label=y, nthread=nthread)
    dmatrix_s = time.perf_counter() - t0
    evals, esr = [], run.get('early_stopping_rounds')
    if run.get('valid_label'):
        # the valid fold is the test matrix here: early stopping watches it
        evals = [(xgb.DMatrix(Xt, label=np.fromfile(run['valid_label'], dtype='<f8'), nthread=nthread), 'valid')]
    t0, c0 = time.perf_counter(), time.process_time()
    bst = xgb.train(run['params'], dtrain, num_boost_round=run['rounds'], evals=evals,
                    early_stopping_rounds=esr, verbose_eval=False)
    train_s, train_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    best = bst.best_iteration if esr else run['rounds'] - 1
    dtest = xgb.DMatrix(Xt, nthread=nthread)
    res = {'train_s': train_s, 'train_cpu_s': train_cpu_s, 'dmatrix_s': dmatrix_s, 'best_iteration': best}
    res['margin'] = run['label'] + '.margin'
    bst.predict(dtest, output_margin=True, iteration_range=(0, best + 1)).astype('<f8').tofile(res['margin'])
    if run.get('contribs'):
        res['contribs'] = run['label'] + '.contribs'
        rows = run.get('contribs_rows') or req['n_test']
        dshap = dtest if rows >= req['n_test'] else xgb.DMatrix(Xt[:rows], nthread=nthread)
        bst.predict(dshap, pred_contribs=True, iteration_range=(0, best + 1)).astype('<f8').tofile(res['contribs'])
    out['runs'][run['name']] = res
json.dump(out, sys.stdout)
