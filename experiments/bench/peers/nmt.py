"""PyTorch peer of `lskd bench` for the translation Transformers (task-nmt, suite nmt-kd).

Layer for layer lskd's Transformer: one embedding matrix E [V, d] shared by source, target and
output projection (logits = h E^T), embeddings scaled by sqrt(d) plus sinusoidal positions;
residual blocks x + dropout(f(LN(x))) (pre-norm, with a final LN per stack) or
LN(x + dropout(f(x))) (post-norm); multi-head attention softmax(QK^T / sqrt(d_h) + mask) V with
biased q, k, v and output projections, a key-padding mask on the source and a causal mask on
the target; feed-forward W2 dropout(relu(W1 x + b1)) + b2; dropout on the embeddings, every
residual branch and the feed-forward hidden layer. The same fixed batch as lskd's workload
(B pairs of 32 source and 32 target tokens, vocabulary 8,000), cross-entropy over the target
tokens and Adam; throughput in target tokens per second, timed as common.py says.

Run with Debian's python3-torch: /usr/bin/python3 peers/nmt.py --threads 1
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

import common

VOCABULARY = 8000
LENGTH = 32
PAD, BOS, EOS, RESERVED = 0, 1, 2, 4
MASKED = -1e9
SIZES = {  # experiments' suites/nmt-kd.json
    "transformer-teacher": dict(encoder_layers=3, decoder_layers=3, dim=256, heads=4, ffn=1024, dropout=0.1,
                                pre_norm=True),
    "transformer-student": dict(encoder_layers=2, decoder_layers=2, dim=128, heads=4, ffn=512, dropout=0.1,
                                pre_norm=True),
}


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.out = (nn.Linear(dim, dim) for _ in range(4))

    def forward(self, query, key_value, mask):
        b, lq, d = query.shape
        lk = key_value.shape[1]
        h = self.heads
        q = self.q(query).view(b, lq, h, d // h).transpose(1, 2)
        k = self.k(key_value).view(b, lk, h, d // h).transpose(1, 2)
        v = self.v(key_value).view(b, lk, h, d // h).transpose(1, 2)
        scores = q @ k.transpose(2, 3) / math.sqrt(d // h) + mask
        context = F.softmax(scores, dim=-1) @ v
        return self.out(context.transpose(1, 2).reshape(b, lq, d))


class FeedForward(nn.Module):
    def __init__(self, dim, ffn, dropout):
        super().__init__()
        self.w1, self.w2 = nn.Linear(dim, ffn), nn.Linear(ffn, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.w2(self.dropout(F.relu(self.w1(x))))


class Residual(nn.Module):
    """x + dropout(f(LN(x))) in pre-norm, LN(x + dropout(f(x))) in post-norm."""

    def __init__(self, dim, dropout, pre_norm):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.dropout = nn.Dropout(dropout)
        self.pre_norm = pre_norm

    def forward(self, x, f):
        if self.pre_norm:
            return x + self.dropout(f(self.norm(x)))
        return self.norm(x + self.dropout(f(x)))


class EncoderLayer(nn.Module):
    def __init__(self, dim, heads, ffn, dropout, pre_norm):
        super().__init__()
        self.attention, self.ffn = Attention(dim, heads), FeedForward(dim, ffn, dropout)
        self.r1, self.r2 = Residual(dim, dropout, pre_norm), Residual(dim, dropout, pre_norm)

    def forward(self, x, mask):
        x = self.r1(x, lambda h: self.attention(h, h, mask))
        return self.r2(x, self.ffn)


class DecoderLayer(nn.Module):
    def __init__(self, dim, heads, ffn, dropout, pre_norm):
        super().__init__()
        self.self_attention, self.cross = Attention(dim, heads), Attention(dim, heads)
        self.ffn = FeedForward(dim, ffn, dropout)
        self.r1, self.r2, self.r3 = (Residual(dim, dropout, pre_norm) for _ in range(3))

    def forward(self, x, memory, causal, source_mask):
        x = self.r1(x, lambda h: self.self_attention(h, h, causal))
        x = self.r2(x, lambda h: self.cross(h, memory, source_mask))
        return self.r3(x, self.ffn)


class Transformer(nn.Module):
    def __init__(self, encoder_layers, decoder_layers, dim, heads, ffn, dropout, pre_norm, vocabulary=VOCABULARY):
        super().__init__()
        self.dim = dim
        self.embedding = nn.Parameter(torch.randn(vocabulary, dim) * dim ** -0.5)
        with torch.no_grad():
            self.embedding[PAD].zero_()
        self.encoder = nn.ModuleList(EncoderLayer(dim, heads, ffn, dropout, pre_norm) for _ in range(encoder_layers))
        self.decoder = nn.ModuleList(DecoderLayer(dim, heads, ffn, dropout, pre_norm) for _ in range(decoder_layers))
        self.encoder_norm = nn.LayerNorm(dim) if pre_norm else nn.Identity()
        self.decoder_norm = nn.LayerNorm(dim) if pre_norm else nn.Identity()
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("positions", sinusoids(512, dim), persistent=False)

    def embed(self, ids):
        x = F.embedding(ids, self.embedding) * math.sqrt(self.dim) + self.positions[: ids.shape[1]]
        return self.dropout(x)

    def forward(self, source, decoder_input):
        source_mask = torch.where(source == PAD, MASKED, 0.0)[:, None, None, :]
        t = decoder_input.shape[1]
        causal = torch.triu(torch.full((t, t), MASKED), diagonal=1)
        x = self.embed(source)
        for layer in self.encoder:
            x = layer(x, source_mask)
        memory = self.encoder_norm(x)
        y = self.embed(decoder_input)
        for layer in self.decoder:
            y = layer(y, memory, causal, source_mask)
        return self.decoder_norm(y) @ self.embedding.t()


def sinusoids(length, dim):
    """PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d))."""
    position = torch.arange(length, dtype=torch.float64)[:, None]
    rates = torch.pow(10000.0, -torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    table = torch.zeros(length, dim, dtype=torch.float64)
    table[:, 0::2] = torch.sin(position * rates)
    table[:, 1::2] = torch.cos(position * rates)
    return table.float()


def sentences(count, generator):
    """count sentences of LENGTH ids: ordinary tokens, then EOS."""
    ids = torch.randint(RESERVED, VOCABULARY, (count, LENGTH), generator=generator)
    ids[:, -1] = EOS
    return ids


def bench(name, args):
    torch.manual_seed(args.seed)
    model = Transformer(**SIZES[name])
    optimiser = torch.optim.Adam(model.parameters(), lr=7e-4)
    generator = torch.Generator().manual_seed(args.seed)
    source, target = sentences(args.batch, generator), sentences(args.batch, generator)
    decoder_input = torch.cat([torch.full((args.batch, 1), BOS), target[:, :-1]], dim=1)

    def train_step():
        model.train()
        optimiser.zero_grad(set_to_none=True)
        logits = model(source, decoder_input)
        F.cross_entropy(logits.reshape(-1, VOCABULARY), target.reshape(-1), ignore_index=PAD).backward()
        optimiser.step()

    def infer_step():
        model.eval()
        with torch.no_grad():
            model(source, decoder_input)

    tokens = target.numel()
    timing = (args.warmup, args.windows, args.steps)
    train = common.measure(train_step, tokens, *timing)
    infer = common.measure(infer_step, tokens, *timing)
    return common.row(name, args.batch, args.threads, "target tokens", sum(p.numel() for p in model.parameters()),
                      train, infer)


def main():
    args = common.parser(__doc__.splitlines()[0], SIZES, 64).parse_args()
    common.run(args, bench)


if __name__ == "__main__":
    main()
