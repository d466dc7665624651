// behavior-encoder/kernels: hand-written tfjs kernels (wasm gradient kernels, fused ops, embedding bags).
export { registerWasmGradientKernels } from './wasm-kernels.ts';
export { embeddingBagSum } from './embedding-bag.ts';
export { batchedMatMulDw } from './depthwise-matmul.ts';
export { linear, layerNorm, outerProduct } from './fast-ops.ts';
