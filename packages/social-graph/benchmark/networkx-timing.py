# Times networkx on an edge list for the graph performance suite: only the algorithm is timed
# (graph loading is excluded). Request JSON on stdin: {edges, sources: [labels] | null}.
import json, sys, time
import networkx as nx

req = json.load(sys.stdin)
G = nx.read_edgelist(req['edges'], nodetype=int)
G.add_nodes_from(range(req['n']))
t = time.perf_counter()
nx.pagerank(G)
pagerank_s = time.perf_counter() - t
sources = req.get('sources') or []
t = time.perf_counter()
for u in sources:
    nx.closeness_centrality(G, u=u)
closeness_sample_s = time.perf_counter() - t
json.dump({'networkx': nx.__version__, 'pagerank_s': pagerank_s, 'closeness_sources': len(sources), 'closeness_sample_s': closeness_sample_s}, sys.stdout)
