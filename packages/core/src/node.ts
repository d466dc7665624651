// @clvlab/core/node: the Node-only half of the kernel (file system, worker threads).
export { writeFileAtomic } from './write-file-atomic.ts';
