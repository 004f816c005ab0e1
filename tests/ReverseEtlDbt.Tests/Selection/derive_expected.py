# Derives the expected selections hard-coded in Expected*Sets.cs. Run: python3 derive_expected.py
# Emits ExpectedSets.cs: each set computed by hand-written python following dbt-core's selector semantics.
import json, fnmatch, sys
outs = {'Graph': [], 'Method': []}
out = outs['Graph']
def load(f):
    global M,P,C,N,ALL
    M = json.load(open('/work/shared/fixtures/manifests/' + f))
    P, C = M['parent_map'], M['child_map']
    N = {**M['nodes'], **M.get('unit_tests', {}), **M['sources']}
    ALL = set(N) | set(P) | set(C)
def walk(start, nxt, depth=None):
    res, frontier, seen, g = set(), set(start), set(start), 0
    while frontier and (depth is None or g < depth):
        new = set()
        for n in frontier:
            for x in nxt.get(n, []):
                res.add(x)
                if x not in seen: seen.add(x); new.add(x)
        frontier, g = new, g + 1
    return res
anc = lambda s, d=None: set(s) | walk(s, P, d)
desc = lambda s, d=None: set(s) | walk(s, C, d)
is_test = lambda i: i in N and N[i]['resource_type'] in ('test', 'unit_test')
def eager(sel):
    return set(sel) | {c for s in sel for c in C.get(s, []) if is_test(c)}

def is_selected_node(fqn, sel, versioned):  # dbt-core graph/selector_methods.py, transcribed
    parts = sel.split('.')
    if versioned:
        if fqn[-2] == sel or '_'.join(fqn[-2:]) == '_'.join(parts[-2:]): return True
    elif fqn[-1] == sel: return True
    flat = [x for seg in fqn for x in seg.split('.')]
    if len(flat) < len(parts): return False
    for i, part in enumerate(parts):
        if any(w in part for w in '*?[]'): return fnmatch.fnmatchcase('.'.join(flat[i:]), '.'.join(parts[i:]))
        if flat[i] != part: return False
    return True
def fqn_select(sel):  # QualifiedNameSelectorMethod: manifest nodes (not sources), scoped or unscoped fqn
    return {i for i, n in N.items() if n['resource_type'] != 'source' and any(
        f and is_selected_node(f, sel, n['resource_type'] == 'model' and n.get('version') is not None) for f in (n['fqn'], n['fqn'][1:]))}
by = lambda pred: {i for i, n in N.items() if pred(n)}
def emit(name, how, s):
    out.append(f'    // {how} ({len(s)} ids).')
    out.append(f'    public static readonly string[] {name} =')
    out.append('    [' + ''.join(f'\n        "{i}",' for i in sorted(s)) + '\n    ];\n')

load('v12_dbt_bouncer_1_12.json')
p = 'model.dbt_bouncer_test_project.'
o, v3, so, sp = {p+'orders'}, {p+'customers.v3'}, {p+'stg_orders'}, {p+'stg_payments'}
emit('OrdersAncestors', '+orders: orders plus every node reachable through parent_map', anc(o))
emit('OrdersDescendants', 'orders+: orders plus every node reachable through child_map (tests, unit test, exposure, semantic model, metric)', desc(o))
emit('CustomersV3OneGenerationUp', '1+customers.v3: customers.v3 plus its parent_map entries', anc(v3, 1))
emit('CustomersV3TwoGenerationsUp', '2+customers.v3: two parent_map hops', anc(v3, 2))
emit('CustomersV3AllAncestors', '+customers.v3: every parent_map hop (adds the source behind stg_customers)', anc(v3))
emit('StgOrdersOneGenerationDown', 'stg_orders+1: stg_orders plus its child_map entries', desc(so, 1))
d = desc(sp)
emit('ChildrensParentsOfStgPayments', '@stg_payments: stg_payments+, then every ancestor of those nodes', anc(d))
emit('OrdersWithTests', 'orders with eager indirect selection: orders plus the tests and unit tests in its child_map', eager(o))
emit('OrdersWithCautiousTests', 'orders, cautious: tests whose depends_on.nodes are all selected (drops the relationships test that also needs customers.v3)',
     {x for x in eager(o) if not is_test(x) or set(N[x]['depends_on']['nodes']) <= o})
excl = eager(o)
emit('OrdersAncestorsWithoutOrders', '+orders minus orders, both eager: excluding orders also excludes its tests (and the relationships test)', eager(anc(o)) - excl)
out = outs['Method']
emit('TagCrm', "tag:crm: nodes whose tags contain 'crm'", by(lambda n: 'crm' in n.get('tags', [])))
emit('TagCritical', "tag:critical (and tag:crit*): nodes whose tags match", by(lambda n: any(fnmatch.fnmatchcase(t, 'crit*') for t in n.get('tags', []))))
pp = lambda n: (n.get('patch_path') or '').split('://')[-1]
emit('PathStagingCrm', 'path:models/staging/crm: original_file_path under that folder (sources and YAML tests included) or patch_path equal to it',
     by(lambda n: n['original_file_path'].startswith('models/staging/crm/') or pp(n) == 'models/staging/crm'))
g = 'models/staging/*/_*.yml'
emit('PathStagingYamlFiles', f'path:{g}: original_file_path or patch_path matching the glob', by(lambda n: fnmatch.fnmatch(n['original_file_path'], g) or fnmatch.fnmatch(pp(n), g)))
emit('FqnStagingCrm', 'staging.crm (fqn method): manifest nodes whose fqn, with or without package, starts with staging, crm', fqn_select('staging.crm'))
emit('TmpSuffixed', '*_tmp (fqn method): manifest nodes whose dotted fqn fnmatches *_tmp', fqn_select('*_tmp'))
emit('PublicModels', 'access:public', by(lambda n: n.get('access') == 'public'))
emit('CustomersAllVersions', 'customers (fqn method): the versioned model matches on fqn[-2]; source and exposure named customers are not manifest nodes', fqn_select('customers'))
emit('CustomersV2', 'customers.v2 and customers_v2 (fqn method): one version', fqn_select('customers.v2') | fqn_select('customers_v2'))
emit('RelationshipsTests', 'test_name:relationships: generic tests whose test_metadata.name is relationships', by(lambda n: (n.get('test_metadata') or {}).get('name') == 'relationships'))
tik = {i for i in ALL if (N[i]['package_name'] if i in N else i.split('.')[1]) == 'tiktok_ads'}
out.append(f'    // package:tiktok_ads selects {len(tik)} ids: by type {dict(sorted(__import__("collections").Counter(i.split(".")[0] for i in tik).items()))}.')
out.append(f'    public const int TiktokPackageCount = {len(tik)};\n')
outs['Graph'].append(f'    // Every id in nodes, unit_tests, sources, parent_map and child_map.')
outs['Graph'].append(f'    public const int AllGraphNodes = {len(ALL)};\n')

load('v10_jaffle_shop_model_versions.json')
emit('JaffleStgCustomersVersions', 'v10_jaffle_shop_model_versions, stg_customers (fqn method)', fqn_select('stg_customers'))
def vcmp(n, op):
    v, l = n.get('version'), n.get('latest_version')
    return n['resource_type'] == 'model' and v is not None and l is not None and op(float(v), float(l))
emit('JaffleLatestVersions', 'v10_jaffle_shop_model_versions, version:latest: version == latest_version', by(lambda n: vcmp(n, lambda a, b: a == b)))
emit('JaffleOldVersions', 'v10_jaffle_shop_model_versions, version:old: version < latest_version', by(lambda n: vcmp(n, lambda a, b: a < b)))
emit('JafflePrereleaseVersions', 'v10_jaffle_shop_model_versions, version:prerelease: version > latest_version', by(lambda n: vcmp(n, lambda a, b: a > b)))

out = outs['Graph']
load('v12_jaffle_shop_snowflake_contracts.json')
o = {'model.jaffle_shop.orders'}
emit('SnowflakeOrdersCautious', 'v12_jaffle_shop_snowflake_contracts, orders cautious: tests with all parents selected', {x for x in eager(o) if not is_test(x) or set(N[x]['depends_on']['nodes']) <= o})
sa = o | walk(o, P) | {i for i in ALL if i.startswith('source.')}
emit('SnowflakeOrdersBuildable', 'orders buildable: tests whose parents are all selected or ancestors of orders (adds relationships to order_items)',
     {x for x in eager(o) if not is_test(x) or set(N[x]['depends_on']['nodes']) <= sa})

for cls, lines in outs.items():
    with open(f'/work/wt-selection/tests/ReverseEtlDbt.Tests/Selection/Expected{cls}Sets.cs', 'w') as f:
        f.write('namespace ReverseEtlDbt.Tests.Selection;\n\n')
        f.write('/// <summary>\n')
        f.write(f'/// Expected {"graph-operator and indirect" if cls == "Graph" else "method"} selections over the shared fixture manifests, computed by\n')
        f.write("/// tests/ReverseEtlDbt.Tests/Selection/derive_expected.py (python3, parent_map/child_map walks and\n")
        f.write("/// dbt-core's selector methods transcribed) and pasted here. Default manifest: v12_dbt_bouncer_1_12.json.\n")
        f.write('/// </summary>\n')
        f.write(f'internal static class Expected{cls}Sets\n{{\n')
        f.write('\n'.join(lines).rstrip() + '\n}\n')
