// The clvlab version recorded with every prepared dataset (`clvlab_version`). A constant rather
// than this package's package.json read at run time, so that prepareDataset needs no file system
// and stays in the browser-safe entry. tools/version.ts (`npm run set-version`) writes it with
// every package.json and its `--check` fails when they disagree; tests/prepare-dataset.test.ts
// checks it against package.json.
export const CLVLAB_VERSION = '0.1.0';
