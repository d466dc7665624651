import { describe, expect, it } from 'vitest';
import { calibrationRatio, mae, rmse } from '../src/index.ts';

describe('rmse, mae, calibrationRatio', () => {
  it('match a case computed by hand', () => {
    // errors p − a = [1, −2, 0, 3]: RMSE = √((1+4+0+9)/4) = √3.5, MAE = 6/4 = 1.5;
    // Σp = 2+0+5+7 = 14, Σa = 1+2+5+4 = 12 -> ratio 14/12.
    const a = [1, 2, 5, 4],
      p = [2, 0, 5, 7];
    expect(rmse(a, p)).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(mae(a, p)).toBe(1.5);
    expect(calibrationRatio(a, p)).toBeCloseTo(14 / 12, 14);
  });

  it('accept typed arrays and are NaN for a zero total', () => {
    expect(rmse(new Float32Array([1, 2]), new Int32Array([1, 2]))).toBe(0);
    expect(calibrationRatio([0, 0], [1, 2])).toBeNaN();
  });

  it('throw on mismatch, empty and NaN', () => {
    expect(() => rmse([1], [1, 2])).toThrow('metrics/rmse: actual and predicted differ in length (1 vs 2)');
    expect(() => mae([], [])).toThrow('metrics/mae: actual is empty');
    expect(() => calibrationRatio([NaN], [1])).toThrow('metrics/calibrationRatio: actual[0] is NaN');
  });
});
