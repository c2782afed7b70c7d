"""PyTorch peer of `lskd bench` for the binary student, reactnet-small (task-binary).

Layer for layer lskd's ReActNetSmall with its default quantizers, in Larq's terms: a real stem
(conv3x3 1->32, no bias, BN); four binary blocks 32->64 stride 2, 64->64, 64->128 stride 2,
128->128, each RSign (learned per-channel shift, then approx_sign), a binary conv3x3 with
magnitude_aware_sign kernels padded with +1, BN, a real shortcut (identity, or 2x2 average
pooling, real conv1x1 and BN where the shape changes) and RPReLU; global average pooling and a
real linear layer. The quantizers have lskd's straight-through gradients: approx_sign 2 - 2|x|
for |x| <= 1, magnitude_aware_sign the per-output-channel scale for |w| <= 1; binary kernels are
clipped to [-1, 1] after each update. The same batch (128 images 28x28x1), cross-entropy and Adam
as lskd's workload (step 2 of the two-step schedule); timed as common.py says.

Run with Debian's python3-torch: /usr/bin/python3 peers/binary.py --threads 2
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

import common

CLIP = 1.0


class ApproxSign(torch.autograd.Function):
    """sign(x) with sign(0) = +1; gradient 2 - 2|x| where |x| <= 1, else 0 (Bi-Real Net)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.where(x >= 0, 1.0, -1.0)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        a = x.abs()
        return grad * (2 - 2 * a) * (a <= 1)


class MagnitudeAwareSign(torch.autograd.Function):
    """s * sign(w), s = mean |w| per output channel (a constant); gradient s where |w| <= clip."""

    @staticmethod
    def forward(ctx, w):
        scale = w.abs().mean(dim=(1, 2, 3), keepdim=True)
        ctx.save_for_backward(w, scale)
        return torch.where(w >= 0, 1.0, -1.0) * scale

    @staticmethod
    def backward(ctx, grad):
        w, scale = ctx.saved_tensors
        return grad * scale * (w.abs() <= CLIP)


def channel_parameter(channels, value):
    """A learned per-channel value, broadcast over NCHW."""
    return nn.Parameter(torch.full((1, channels, 1, 1), value))


class RPReLU(nn.Module):
    """PReLU(x + a) + b with per-channel a, b and slope (initially 0.25)."""

    def __init__(self, channels):
        super().__init__()
        self.shift_in = channel_parameter(channels, 0.0)
        self.prelu = nn.PReLU(channels, init=0.25)
        self.shift_out = channel_parameter(channels, 0.0)

    def forward(self, x):
        return self.prelu(x + self.shift_in) + self.shift_out


class BinaryBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.rsign_shift = channel_parameter(cin, 0.0)
        self.conv = nn.Parameter(torch.empty(cout, cin, 3, 3).uniform_(-1, 1) / (9 * cin) ** 0.5)
        self.bn = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            pool = nn.AvgPool2d(stride) if stride != 1 else nn.Identity()
            self.down = nn.Sequential(pool, nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout))
        self.rprelu = RPReLU(cout)

    def forward(self, x):
        binary = F.pad(ApproxSign.apply(x + self.rsign_shift), (1, 1, 1, 1), value=1.0)
        y = self.bn(F.conv2d(binary, MagnitudeAwareSign.apply(self.conv), stride=self.stride))
        shortcut = x if self.down is None else self.down(x)
        return self.rprelu(y + shortcut)


class ReActNetSmall(nn.Module):
    BLOCKS = ((32, 64, 2), (64, 64, 1), (64, 128, 2), (128, 128, 1))

    def __init__(self, channels=1, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(channels, 32, 3, 1, 1, bias=False), nn.BatchNorm2d(32))
        self.blocks = nn.Sequential(*(BinaryBlock(*b) for b in self.BLOCKS))
        self.fc = nn.Linear(self.BLOCKS[-1][1], classes)

    def forward(self, x):
        return self.fc(self.blocks(self.stem(x)).mean(dim=(2, 3)))

    def binary_kernels(self):
        return [block.conv for block in self.blocks]


def bench(name, args):
    torch.manual_seed(args.seed)
    model = ReActNetSmall()
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(args.batch, 1, 28, 28)
    y = torch.arange(args.batch) % 10
    kernels = model.binary_kernels()

    def train_step():
        model.train()
        optimiser.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        optimiser.step()
        with torch.no_grad():
            for kernel in kernels:
                kernel.clamp_(-CLIP, CLIP)

    def infer_step():
        model.eval()
        with torch.no_grad():
            model(x)

    timing = (args.warmup, args.windows, args.steps)
    train = common.measure(train_step, args.batch, *timing)
    infer = common.measure(infer_step, args.batch, *timing)
    return common.row(name, args.batch, args.threads, "samples", sum(p.numel() for p in model.parameters()),
                      train, infer)


def main():
    args = common.parser(__doc__.splitlines()[0], ["reactnet-small"], 128).parse_args()
    common.run(args, bench)


if __name__ == "__main__":
    main()
