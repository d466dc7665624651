// behavior-encoder/network: the encoder network: attention blocks, GRU, weights, the ZILN head.
export { attentionBias, maskedMean, transformerBlock, transformerBlockShapes } from './attention.ts';
export type { Params } from './attention.ts';
export { zilnLoss, zilnPredict } from './ziln.ts';
export { encoderForward, encoderParamShapes, transformerForwardFlops } from './encoder-network.ts';
export type { BatchTensors } from './encoder-network.ts';
export { initEncoderWeights } from './encoder-weights.ts';
export type { EncoderWeights, WeightArray } from './encoder-weights.ts';
