using Onnx;

namespace InferBench.Quantization;

/// <summary>A MatMul the quantizer replaces with MatMulNBits, and the weight it reads: W [K, N], or its transpose.</summary>
/// <param name="Transposed">The initializer holds Wᵀ [N, K] and reaches the MatMul through <paramref name="Transpose"/> (tied embeddings).</param>
internal sealed record QuantizedMatMul(NodeProto Node, TensorProto Weight, bool Transposed, long K, long N, NodeProto? Transpose);
