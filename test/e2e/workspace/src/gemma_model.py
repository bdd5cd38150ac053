"""A tiny Gemma-style decoder: its RMSNorm exports as a chain of Pow/ReduceMean/Add/Sqrt/Div/Mul nodes
named /layers.0/input_layernorm/… (samples/gemma_rmsnorm_opset17.onnx is this model's export)."""
import torch
from torch import nn


class GemmaRMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.zeros(dim))

    def _norm(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)

    def forward(self, x):
        output = self._norm(x.float())
        output = output * (1.0 + self.weight.float())
        return output.type_as(x)


class DecoderLayer(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.input_layernorm = GemmaRMSNorm(dim)

    def forward(self, x):
        return self.input_layernorm(x)


class TinyGemma(nn.Module):
    def __init__(self, dim: int = 16):
        super().__init__()
        self.layers = nn.ModuleList([DecoderLayer(dim)])

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
