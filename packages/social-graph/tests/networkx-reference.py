# Independent reference values from networkx for the social-graph tests. Reads a JSON request
# on stdin, prints a JSON object {metric: {label: value}} on stdout. The edge file is parsed
# here independently of the TypeScript reader (split on whitespace/commas, '#' comments).
import gzip, json, sys
import networkx as nx
from networkx.algorithms.centrality import betweenness as nxb

req = json.load(sys.stdin)
G = nx.DiGraph() if req.get('directed') else nx.Graph()
for label in req.get('nodes', []):
    G.add_node(label)
opener = gzip.open if req['edges'].endswith('.gz') else open
with opener(req['edges'], 'rt') as fh:
    skip = req.get('header', False)
    for line in fh:
        parts = line.replace(',', ' ').split()
        if not parts or parts[0].startswith('#'):
            continue
        if skip:
            skip = False
            continue
        if req.get('weighted'):
            G.add_edge(parts[0], parts[1], weight=float(parts[2]))
        else:
            G.add_edge(parts[0], parts[1])
weight = 'weight' if req.get('weighted') else None
out = {}
subset = req.get('subset')
for metric in req['metrics']:
    if metric == 'pagerank':
        out[metric] = nx.pagerank(G, alpha=req.get('alpha', 0.85), tol=req.get('tol', 1e-06), weight=weight, personalization=req.get('personalization'))
    elif metric == 'closeness':
        if subset is None:
            out[metric] = nx.closeness_centrality(G, distance=weight)
        elif not G.is_directed():
            out[metric] = {u: nx.closeness_centrality(G, u=u, distance=weight) for u in subset}
        else:
            # closeness_centrality(G, u) copies G.reverse() on every call (0.2 s each on Ciao);
            # reverse once and apply networkx's own formula (its source, wf_improved=True).
            R = G.reverse(copy=True)
            res = {}
            for u in subset:
                sp = nx.single_source_shortest_path_length(R, u) if weight is None else nx.single_source_dijkstra_path_length(R, u, weight=weight)
                totsp = sum(sp.values())
                res[u] = (len(sp) - 1.0) / totsp * (len(sp) - 1.0) / (len(G) - 1) if totsp > 0 and len(G) > 1 else 0.0
            out[metric] = res
    elif metric == 'harmonic':
        out[metric] = nx.harmonic_centrality(G, nbunch=subset, distance=weight)
    elif metric == 'betweenness':
        pivots = req.get('pivots')
        if pivots is None:
            out[metric] = nx.betweenness_centrality(G)
        else:
            # networkx's own sampled algorithm, fed the same pivots as the TypeScript side.
            bc = dict.fromkeys(G, 0.0)
            for s in pivots:
                S, P, sigma, _ = nxb._single_source_shortest_path_basic(G, s)
                bc, _ = nxb._accumulate_basic(bc, S, P, sigma, s)
            out[metric] = nxb._rescale(bc, len(G), normalized=True, directed=G.is_directed(), endpoints=False, sampled_nodes=pivots)
    elif metric == 'degree':
        out[metric] = dict(G.degree(weight=weight))
    elif metric == 'components':
        comps = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
        out[metric] = {u: len(c) for c in comps for u in c}
json.dump(out, sys.stdout)
