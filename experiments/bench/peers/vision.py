"""PyTorch peer of `lskd bench` for the vision models (RECIPES.md vision-quick).

The same architectures, parameter counts, batch size, loss and optimiser as lskd's
resnet-small and cnn-small, trained on the same fixed synthetic batch, timed the same way
(common.py). Prints JSON shaped like `lskd bench --json`.

Run with Debian's python3-torch: /usr/bin/python3 peers/vision.py --threads 2
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

import common


class Block(nn.Module):
    """conv3x3(stride)-BN-ReLU-conv3x3-BN plus shortcut (1x1 conv + BN when the shape changes), ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class ResNetSmall(nn.Module):
    """The vision-quick teacher: 136,938 parameters on 28x28x1."""

    def __init__(self, channels=1, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(channels, 32, 3, 1, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU())
        self.block1 = Block(32, 64, 2)
        self.block2 = Block(64, 64, 2)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = self.block2(self.block1(self.stem(x)))
        return self.fc(x.mean(dim=(2, 3)))


class CnnSmall(nn.Module):
    """The vision-quick student: 55,338 parameters on 28x28x1."""

    def __init__(self, channels=1, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 16, 3, 1, 1)
        self.conv2 = nn.Conv2d(16, 32, 3, 1, 1)
        self.fc1 = nn.Linear(32 * 7 * 7, 32)
        self.fc2 = nn.Linear(32, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


MODELS = {"resnet-small": ResNetSmall, "cnn-small": CnnSmall}


def bench(name, args):
    torch.manual_seed(args.seed)
    model = MODELS[name]()
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(args.batch, 1, 28, 28)
    y = torch.arange(args.batch) % 10
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)

    def train_step():
        model.train()
        optimiser.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        optimiser.step()

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
    parser = common.parser(__doc__.splitlines()[0], MODELS, 128)
    parser.add_argument("--channels-last", action="store_true", help="NHWC memory format (lskd's layout)")
    args = parser.parse_args()
    common.run(args, bench, {"channelsLast": args.channels_last})


if __name__ == "__main__":
    main()
