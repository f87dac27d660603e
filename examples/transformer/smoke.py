"""Serving check of a trained transformer (validate.smoke in model-retrain.yml).

Rebuilds the model from MODEL_DIR/config.json with the serving code's own class, loads the
state dict (strictly: a renamed or reshaped layer fails), and runs one batch of the sample
reviews on CPU; fails (non-zero exit) unless the logits have the shape (reviews, labels) and
are finite.

    MODEL_DIR=out/model python examples/transformer/smoke.py examples/reviews/smoke-sample.csv
"""
import csv
import json
import os
import re
import sys
from pathlib import Path

import torch
from torch import nn

TOKEN = re.compile(r"[a-z0-9']+")


class ReviewClassifier(nn.Module):
    """The serving side's copy of the notebook's model: it must load what training saved."""

    def __init__(self, vocab_size, n_classes, d_model, n_heads, layers, ff_dim, dropout, max_len):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        self.position = nn.Embedding(max_len, d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, ff_dim, dropout, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, n_classes)

    def forward(self, ids):
        pad = ids == 0
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.embed(ids) + self.position(positions)
        x = self.encoder(x, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(x.dtype)
        pooled = (x * keep).sum(1) / keep.sum(1).clamp(min=1)
        return self.head(self.norm(pooled))


def encode(texts, vocab, max_len):
    index = {w: i for i, w in enumerate(vocab)}
    ids = torch.zeros((len(texts), max_len), dtype=torch.long)
    for row, text in enumerate(texts):
        tokens = [index.get(t, 1) for t in TOKEN.findall(text.lower())][:max_len] or [1]
        ids[row, : len(tokens)] = torch.tensor(tokens)
    return ids


def main(sample):
    model_dir = Path(os.environ.get("MODEL_DIR", "model"))
    torch.set_num_threads(1)
    config = json.loads((model_dir / "config.json").read_text())
    vocab = json.loads((model_dir / "vocab.json").read_text())
    labels = json.loads((model_dir / "labels.json").read_text())
    model = ReviewClassifier(**config)
    state = torch.load(model_dir / "model.pt", map_location="cpu", weights_only=True)
    model.load_state_dict(state, strict=True)
    model.eval()
    with open(sample, newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    if not texts:
        sys.exit(f"{sample}: no reviews to predict")
    with torch.no_grad():
        logits = model(encode(texts, vocab, config["max_len"]))
    if tuple(logits.shape) != (len(texts), len(labels)):
        sys.exit(f"expected logits of shape {(len(texts), len(labels))}, got {tuple(logits.shape)}")
    if not torch.isfinite(logits).all():
        sys.exit("the model answered with NaN or infinite logits")
    probs = torch.softmax(logits, -1)
    for text, p in zip(texts, probs):
        print(f"{labels[int(p.argmax())]:18} {float(p.max()):.2f}  {text[:60]}")
    print(f"ok: a batch of {len(texts)} reviews on CPU through {model_dir / 'model.pt'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/reviews/smoke-sample.csv")
