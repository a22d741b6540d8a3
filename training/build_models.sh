#!/usr/bin/env bash
# Rebuild the shipped spaCy pipelines (src/newsevents/data/models/{de,en}) from ../shared.
#
#   training/build_models.sh            # full build (what `make models` runs)
#   MAX_STEPS=50 DEST=/tmp/m training/build_models.sh   # smoke test: tiny runs, other dest
#
# Fixed seeds ([system] seed = 13 in the configs, SEED in convert.py), CPU only, at most two
# training processes at a time (OMP_NUM_THREADS=1 each). Intermediate corpora go to
# training/corpus/, training runs to training/output/ (both git-ignored). The wall time of the
# whole build is appended to training/BUILD_TIMES.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python
SHARED=${SHARED:-$ROOT/../shared}
DEST=${DEST:-$ROOT/src/newsevents/data/models}
OUT=${OUT:-$ROOT/training/output}
export OMP_NUM_THREADS=1 PYTHONHASHSEED=13
STEPS_ARGS=()
if [ -n "${MAX_STEPS:-}" ]; then
  STEPS_ARGS=(--training.max_steps "$MAX_STEPS" --training.eval_frequency "$MAX_STEPS")
fi
mkdir -p "$OUT"
start=$(date +%s)
log() { echo "[build_models $(date +%H:%M:%S)] $*"; }

log "converting corpora from $SHARED"
"$PY" training/convert.py --shared "$SHARED"
if [ -z "${MAX_STEPS:-}" ]; then  # the English title-case reader's word list (seconds; package data)
  "$PY" training/build_truecase.py --shared "$SHARED"
fi

# name config lang train dev [overrides...]
train() {
  local name=$1 cfg=$2 lang=$3 train=$4 dev=$5
  shift 5
  local t0
  t0=$(date +%s)
  log "training $name"
  "$PY" -m spacy train "training/configs/$cfg" --code training/functions.py \
    --nlp.lang "$lang" --paths.train "training/corpus/$train" --paths.dev "training/corpus/$dev" \
    --output "$OUT/$name" "$@" "${STEPS_ARGS[@]}" > "$OUT/$name.log" 2>&1
  log "$name done in $(( $(date +%s) - t0 )) s"
}

# Final settings = the runs that produced the shipped models (training/EXPERIMENTS.md):
# de_parse_v2 (sentence-noise augmentation, PUD XPOS unannotated); German NER in two rounds
# (session 5): the teacher de_ner_c5 (word-cluster column in the embedding - configs/ner_plain.cfg,
# src/newsevents/nlp/clusters.py - NER tok2vec width 64, every GermEval dev sentence, the 2,500
# steps that were best while 400 of them were held out, run de_ner_c1) labels the German news
# (training/silver_ner.py, whole pipeline with the rule components), and the student
# learns from the gold corpus plus those 44k silver sentences for 3,000 steps (best with the 400
# held out, run de_ner_t2) and is taken at its last step; en_parse_v4 (en_parse_v1 + static
# vectors, 6,000 steps); en_ner_c1 (word clusters + static vectors from the USE piece embeddings,
# training/build_vectors.py). Step limits are where those runs were stopped/selected.
DE_PARSE=(--corpora.train.augmenter.level 0.3 --training.max_steps 2250)
DE_NER=(--training.max_steps 2500 --components.ner.model.tok2vec.encode.width 64)
DE_NER_ST=(--training.max_steps 3000 --components.ner.model.tok2vec.encode.width 64)
EN_PARSE=(--training.max_steps 6000 --paths.vectors "$OUT/en_vectors"
          --components.tok2vec.model.embed.include_static_vectors true)
EN_NER=(--training.max_steps 3500 --paths.vectors "$OUT/en_vectors"
        --components.ner.model.tok2vec.embed.include_static_vectors true)

log "building English static vectors"
"$PY" training/build_vectors.py en --rows 80000 --dims 64 --shared "$SHARED" --out "$OUT/en_vectors"

# two lanes, one per core: the English parser and NER; the German parser, the teacher NER, the
# silver labelling and the student NER
(
  train en_parse parse.cfg en en_ud_train.spacy en_ud_dev.spacy "${EN_PARSE[@]}"
  train en_ner ner_plain.cfg en en_ner_train.spacy en_ner_dev.spacy "${EN_NER[@]}"
) & p1=$!
(
  train de_parse parse.cfg de de_ud_train.spacy de_ud_dev.spacy "${DE_PARSE[@]}"
  train de_ner_teacher ner_plain.cfg de de_ner_train_all.spacy de_ner_dev_germeval.spacy "${DE_NER[@]}"
  "$PY" training/assemble.py de "$OUT/de_parse/model-best" "$OUT/de_ner_teacher/model-best" \
    "$OUT/de_teacher"
  log "labelling German news with the teacher"
  "$PY" training/silver_ner.py --shared "$SHARED" --model "$OUT/de_teacher" \
    --out training/corpus/de_ner_silver.spacy \
    --mix training/corpus/de_ner_train_all.spacy training/corpus/de_ner_train_silver.spacy
  train de_ner ner_plain.cfg de de_ner_train_silver.spacy de_ner_dev_germeval.spacy "${DE_NER_ST[@]}"
) & p2=$!
wait $p1
wait $p2

# the German student saw its dev sentences in training: its last step, not the "best" one
"$PY" training/assemble.py de "$OUT/de_parse/model-best" "$OUT/de_ner/model-last" "$DEST/de"
"$PY" training/assemble.py en "$OUT/en_parse/model-best" "$OUT/en_ner/model-best" "$DEST/en"

secs=$(( $(date +%s) - start ))
log "build finished in $secs s"
if [ -z "${MAX_STEPS:-}" ]; then
  sizes=$(du -sh "$DEST/de" "$DEST/en" | awk '{printf "%s %s; ", $2, $1}')
  printf '| %s | %s | %d min %02d s | %s cores | %s|\n' "$(date -u +%Y-%m-%dT%H:%MZ)" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo -)" $((secs / 60)) $((secs % 60)) \
    "$(nproc --all)" "$sizes" >> training/BUILD_TIMES.md
fi
