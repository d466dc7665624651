// @clvlab/decisions: filled in by issue 14 (this package is being written).
export {};
