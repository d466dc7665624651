import { describe, expect, it } from 'vitest';
import { covariateMatrix } from '../src/index.ts';
import { apparelStaticCovariates, apparelSummary } from './shared-data.ts';

describe('covariateMatrix', () => {
  it("joins the apparel attribute file to the histories by id, in the histories' order", () => {
    const s = apparelSummary(),
      table = apparelStaticCovariates();
    const reversed = [...s.ids].reverse();
    const m = covariateMatrix(reversed, table, { columns: ['Gender', 'Channel'] });
    expect(m.names).toEqual(['Gender', 'Channel']);
    expect(m.customers).toBe(600);
    const row = table.ids.indexOf(reversed[0]);
    expect([m.values[0], m.values[1]]).toEqual([table.columns.Gender[row], table.columns.Channel[row]]);
    let gender = 0;
    for (let i = 0; i < 600; i++) gender += m.values[2 * i];
    expect(gender).toBe(296); // SOURCE.md: Gender = 1 for 296
  });

  it('expands a categorical column with k levels into k − 1 dummies against the first sorted level', () => {
    const table = {
      ids: ['a', 'b', 'c', 'd'],
      columns: { region: ['north', 'south', 'east', 'south'], spend: [1, 2, 3, 4] },
    };
    const m = covariateMatrix(['d', 'a', 'c'], table, { columns: ['region', 'spend'], categorical: ['region'] });
    expect(m.names).toEqual(['region.north', 'region.south', 'spend']);
    expect(Array.from(m.values)).toEqual([0, 1, 4, 1, 0, 1, 0, 0, 3]);
  });

  it('names what is wrong and where: NaN, a constant covariate, a customer missing from the attribute file', () => {
    const table = {
      ids: ['1', '2', '3'],
      columns: { Gender: [0, NaN, 1], Channel: [1, 1, 1], Region: ['x', 'x', 'x'] },
    };
    expect(() => covariateMatrix(['1', '2', '3'], table, { columns: ['Gender'] })).toThrow(
      "baselines/covariateMatrix: column 'Gender', covariate table row 2 (customer '2'): expected a finite number, got NaN",
    );
    expect(() => covariateMatrix(['1', '3'], table, { columns: ['Channel'] })).toThrow(
      "baselines/covariateMatrix: column 'Channel' is constant (1 for all 2 customers): its coefficient is not identified; drop it",
    );
    expect(() => covariateMatrix(['1', '3'], table, { columns: ['Region'], categorical: ['Region'] })).toThrow(
      "baselines/covariateMatrix: column 'Region' is constant ('x' for all 2 customers)",
    );
    expect(() => covariateMatrix(['1', '4', '3'], table, { columns: ['Gender'] })).toThrow(
      "baselines/covariateMatrix: customer '4' (history row 2) is missing from the covariate table",
    );
    expect(() => covariateMatrix(['1'], { ids: ['1', '1'], columns: { g: [0, 1] } }, { columns: ['g'] })).toThrow(
      "baselines/covariateMatrix: covariate table row 2: duplicate customer id '1' (first at row 1)",
    );
    expect(() => covariateMatrix(['1'], table, { columns: ['Age'] })).toThrow(
      "baselines/covariateMatrix: unknown covariate column 'Age' (the table has Gender, Channel, Region)",
    );
  });
});
