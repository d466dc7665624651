// A fitted tree as rules: one rule per leaf (the conditions on the path from the root, the
// leaf's prediction and how many training rows it holds), for the report to draw, and the same
// tree as indented if/else text. Thresholds are the raw cut values (x < t goes left); a split
// between present and missing values reads "is missing" / "is present".
import type { Tree } from './tree.ts';

export interface RuleCondition {
  readonly feature: string;
  readonly featureIndex: number;
  /** '<' or '>=' against threshold; 'missing' / 'present' for a present-vs-missing split. */
  readonly op: '<' | '>=' | 'missing' | 'present';
  readonly threshold: number;
  /** Whether a missing value satisfies the condition (it follows the split's default side). */
  readonly includesMissing: boolean;
}

export interface TreeRule {
  readonly leaf: number;
  readonly conditions: readonly RuleCondition[];
  /** The leaf's margin (log1p scale for log1p-squared) and its prediction on the response scale. */
  readonly margin: number;
  readonly prediction: number;
  /** Distinct training rows in the leaf. */
  readonly rows: number;
}

/** What treeRules needs of a model: its one tree, feature names and response map. */
export interface RuleSource {
  readonly trees: readonly Tree[];
  readonly featureNames: readonly string[];
  readonly baseMargin: number;
  readonly treeScale: number;
  readonly objective: string;
}

function responseOf(source: RuleSource): (m: number) => number {
  if (source.objective === 'log1p-squared') return (m) => Math.max(0, Math.expm1(m));
  if (source.objective === 'tweedie') return Math.exp;
  if (source.objective === 'logistic') return (m) => 1 / (1 + Math.exp(-m));
  return (m) => m;
}

function condition(tree: Tree, names: readonly string[], node: number, goLeft: boolean): RuleCondition {
  const f = tree.feature[node],
    threshold = tree.threshold[node];
  const missingLeft = tree.defaultLeft[node] === 1;
  const includesMissing = goLeft === missingLeft;
  if (threshold === Infinity)
    return {
      feature: names[f],
      featureIndex: f,
      op: goLeft ? 'present' : 'missing',
      threshold,
      includesMissing: !goLeft,
    };
  return { feature: names[f], featureIndex: f, op: goLeft ? '<' : '>=', threshold, includesMissing };
}

/** One rule per leaf of the model's first tree (a DecisionTreeModel's tree), left to right. */
export function treeRules(source: RuleSource, treeIndex = 0): readonly TreeRule[] {
  const tree = source.trees[treeIndex];
  if (!tree) throw new Error(`trees/tree-rules: the model has no tree ${treeIndex} (it has ${source.trees.length})`);
  const response = responseOf(source);
  const rules: TreeRule[] = [];
  const walk = (node: number, path: RuleCondition[]): void => {
    if (tree.feature[node] < 0) {
      const margin = source.baseMargin + source.treeScale * tree.value[node];
      rules.push(
        Object.freeze({
          leaf: node,
          conditions: Object.freeze([...path]),
          margin,
          prediction: response(margin),
          rows: tree.rows[node],
        }),
      );
      return;
    }
    walk(tree.left[node], [...path, condition(tree, source.featureNames, node, true)]);
    walk(tree.right[node], [...path, condition(tree, source.featureNames, node, false)]);
  };
  walk(0, []);
  return Object.freeze(rules);
}

function formatNumber(v: number, digits: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)));
}

function conditionText(c: RuleCondition, digits: number): string {
  if (c.op === 'missing' || c.op === 'present') return `${c.feature} is ${c.op}`;
  return `${c.feature} ${c.op} ${formatNumber(c.threshold, digits)}${c.includesMissing ? ' or missing' : ''}`;
}

/** The tree as indented if/else text, e.g. "if recency_days < 41 or missing:\n  → 12.5 (310 rows)\nelse: …". */
export function formatTreeRules(source: RuleSource, options: { digits?: number; treeIndex?: number } = {}): string {
  const digits = options.digits ?? 4;
  const tree = source.trees[options.treeIndex ?? 0];
  if (!tree) throw new Error(`trees/tree-rules: the model has no tree ${options.treeIndex ?? 0}`);
  const response = responseOf(source);
  const lines: string[] = [];
  const walk = (node: number, indent: string): void => {
    if (tree.feature[node] < 0) {
      const prediction = response(source.baseMargin + source.treeScale * tree.value[node]);
      lines.push(`${indent}→ ${formatNumber(prediction, digits)} (${tree.rows[node]} rows)`);
      return;
    }
    lines.push(`${indent}if ${conditionText(condition(tree, source.featureNames, node, true), digits)}:`);
    walk(tree.left[node], indent + '  ');
    lines.push(`${indent}else:`);
    walk(tree.right[node], indent + '  ');
  };
  walk(0, '');
  return lines.join('\n');
}
