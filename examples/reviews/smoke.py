"""Serving check of a trained reviews model (validate.smoke in model-retrain.yml).

Loads MODEL_DIR/model.joblib the way the serving code does and predicts the reviews of a
sample CSV (column `text`); fails (non-zero exit) unless every review gets one of the labels
in MODEL_DIR/labels.json with probabilities that sum to one.

    MODEL_DIR=out/model python examples/reviews/smoke.py examples/reviews/smoke-sample.csv
"""
import csv
import json
import os
import sys
from pathlib import Path

import joblib
import numpy as np


def main(sample):
    model_dir = Path(os.environ.get("MODEL_DIR", "model"))
    model = joblib.load(model_dir / "model.joblib")
    labels = json.loads((model_dir / "labels.json").read_text())
    with open(sample, newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    if not texts:
        sys.exit(f"{sample}: no reviews to predict")
    proba = model.predict_proba(texts)
    pred = model.predict(texts)
    if proba.shape != (len(texts), len(labels)):
        sys.exit(f"expected probabilities of shape {(len(texts), len(labels))}, got {proba.shape}")
    if not np.allclose(proba.sum(axis=1), 1.0):
        sys.exit("probabilities do not sum to one")
    unknown = sorted(set(pred) - set(labels))
    if unknown:
        sys.exit(f"predicted labels not in labels.json: {unknown}")
    for text, label, p in zip(texts, pred, proba.max(axis=1)):
        print(f"{label:18} {p:.2f}  {text[:60]}")
    print(f"ok: {len(texts)} reviews predicted by {model_dir / 'model.joblib'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/reviews/smoke-sample.csv")
