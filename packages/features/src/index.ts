// @clvlab/features: filled in by issue 12 (this package is being written).
export {};
