"""Near-duplicate texts: MinHash + LSH to find candidates, exact shingle Jaccard to confirm them.

Pipeline, fully vectorised (numpy / pyarrow), never comparing all pairs of texts:

1. Distinct texts only: the column arrives dictionary-encoded (`checks.hashing`), so each distinct
   text is tokenised once. Texts are lower-cased and split on whitespace, punctuation trimmed off each
   word, empty words dropped. Texts with the same word sequence share a *normalised id* (a 64-bit
   polynomial hash of the word ids, made dense); near-duplicate detection runs on one representative
   per normalised id.
2. Shingles are word bigrams (a one-word text uses its word); MinHash takes, per hash function, the
   minimum of a hash over each text's shingles (`np.minimum.reduceat`).
3. LSH: the `NUM_HASHES` signature values form `BANDS` bands; texts whose values agree on a whole band
   share a bucket. Within a bucket (sorted by band key), each text is paired with the next `WINDOW`
   texts only, so the number of candidate pairs is at most BANDS x WINDOW x texts, however large a
   bucket gets (a bucket of a million templated texts costs millions of pairs, not 10^12).
4. Verification: a candidate pair counts only if the Jaccard similarity of the two texts' shingle
   *sets* is at least `NEAR_JACCARD`. Intersections come from one sort of (pair, shingle) keys, in
   chunks of `CHUNK_ELEMENTS`. Without this step, small-vocabulary corpora (support tickets, product
   titles) produce many band collisions between unrelated texts and the near-duplicate count explodes.

With 16 hash functions in 4 bands of 4, a pair with bigram Jaccard s becomes a candidate with
probability 1 - (1 - s^4)^4: about 0.97 at s = 0.8, 0.67 at s = 0.7; verification then keeps it
exactly when s >= 0.7 (up to 32-bit shingle-hash collisions).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from checks.hashing import MISSING_CODE, dense_ids, encode_jointly, mix64, sorted_unique

NUM_HASHES = 16
BANDS = 4
ROWS_PER_BAND = NUM_HASHES // BANDS
NEAR_JACCARD = 0.7
WINDOW = 4
CHUNK_ELEMENTS = 4_000_000
TOKENISE_CHUNK = 200_000  # texts tokenised at a time (bounds pyarrow's intermediate arrays)
EMPTY = np.iinfo(np.uint32).max
PUNCTUATION = string.punctuation + "«»“”‘’…–—¿¡"
SEQUENCE_BASE = np.uint64(0x100000001B3)
BIGRAM_BASE = np.uint64(1_000_003)
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@dataclass
class NearDuplicates:
    """Per-row results plus how much work the verification did (for the check's metrics)."""

    near: np.ndarray          # bool per row: has a verified near duplicate with a different normalised text
    norm_id: np.ndarray       # int per row: equal for texts with the same word sequence; -1 for missing
    candidate_pairs: int      # distinct candidate pairs from LSH
    verified_pairs: int       # of which shingle Jaccard >= NEAR_JACCARD
    estimated_recall: float | None = None  # verified pairs / their Horvitz-Thompson estimate (see `recall`)


@dataclass
class Shingles:
    """Word-bigram shingles of a set of texts, grouped by text (`owner` ascending)."""

    value: np.ndarray  # uint32 hash of each shingle
    owner: np.ndarray  # text index of each shingle
    n_texts: int

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """(start, count) of each text's shingles."""
        counts = np.bincount(self.owner, minlength=self.n_texts)
        return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64), counts


@dataclass
class Words:
    """All words of a set of texts, in text order: the word strings and the text index of each."""

    flat: pa.ChunkedArray
    parent: np.ndarray  # int32


def tokenise(texts: pa.Array, chunk: int = TOKENISE_CHUNK) -> Words:
    """Lower-cased words: split on whitespace, punctuation trimmed off each word, empty words dropped.

    Works through the texts `chunk` at a time, so pyarrow's intermediate arrays (lower-cased copy,
    split lists, trimmed words) exist for one chunk only; the kept words are all that accumulate.
    """
    flats, parents = [], []
    for start in range(0, len(texts), chunk):
        part = pc.fill_null(texts.slice(start, chunk).cast(pa.large_string()), "")
        words = pc.utf8_split_whitespace(pc.utf8_lower(part))
        flat = pc.utf8_trim(pc.list_flatten(words), characters=PUNCTUATION)
        keep = pc.greater(pc.binary_length(flat), 0)
        parent = pc.list_parent_indices(words).to_numpy().astype(np.int32)
        flats.append(flat.filter(keep))
        parents.append(parent[keep.to_numpy(zero_copy_only=False)] + np.int32(start))
        del words, flat, keep
    return Words(pa.chunked_array(flats, type=pa.large_string()),
                 np.concatenate(parents) if parents else np.zeros(0, np.int32))


def word_ids(words: Words) -> tuple[np.ndarray, np.ndarray]:
    """(word id per word, text index per word): words numbered by one dictionary over all texts."""
    encoded = pc.dictionary_encode(words.flat)
    token = pa.chunked_array([c.indices for c in encoded.chunks], type=pa.int32()).to_numpy()
    return token.astype(np.int32, copy=False), words.parent


def normalised_ids(token: np.ndarray, parent: np.ndarray, n_texts: int) -> np.ndarray:
    """Dense id per text, equal exactly when the word sequences are equal (64-bit polynomial hash)."""
    starts = np.flatnonzero(np.r_[True, parent[1:] != parent[:-1]]) if len(parent) else np.array([], np.int64)
    position = np.arange(len(token), dtype=np.int64)
    position -= np.repeat(starts, np.diff(np.r_[starts, len(token)]))
    powers = np.cumprod(np.r_[np.uint64(1), np.full(int(position.max(initial=0)), SEQUENCE_BASE)])
    terms = mix64(np.arange(int(token.max(initial=-1)) + 1))[token]  # each distinct word mixed once, then looked up
    terms *= powers[position]
    del position
    sequence = np.zeros(n_texts, dtype=np.uint64)
    if len(starts):
        sequence[parent[starts]] = np.add.reduceat(terms, starts)
    return dense_ids(sequence)


def shingles(token: np.ndarray, parent: np.ndarray, n_texts: int) -> Shingles:
    """Word bigrams (or the single word of a one-word text) as 32-bit hashes, grouped by text."""
    same_next = np.zeros(len(token), dtype=bool)
    same_next[:-1] = parent[:-1] == parent[1:]
    first = np.ones(len(token), dtype=bool)
    first[1:] = parent[1:] != parent[:-1]
    nxt = np.zeros_like(token)
    nxt[:-1] = token[1:]
    nxt[~same_next] = -1
    keep = same_next | first  # bigrams, or the word of a one-word text
    raw = token[keep].astype(np.uint64) * BIGRAM_BASE + (nxt[keep] + 1).astype(np.uint64)
    del nxt, same_next, first
    raw *= GOLDEN
    raw >>= np.uint64(32)
    return Shingles(raw.astype(np.uint32), parent[keep], n_texts)


def signatures(sh: Shingles, seed: int = 7) -> np.ndarray:
    """(n_texts, NUM_HASHES) uint32 MinHash signatures; texts without words get all-EMPTY signatures."""
    sig = np.full((sh.n_texts, NUM_HASHES), EMPTY, dtype=np.uint32)
    if len(sh.value) == 0:
        return sig
    starts = np.flatnonzero(np.r_[True, sh.owner[1:] != sh.owner[:-1]])
    targets = sh.owner[starts]
    rng = np.random.default_rng(seed)
    # 32-bit affine permutations (odd multipliers) plus an xor-shift: no modulo, half the memory traffic
    a = (rng.integers(1, 1 << 32, NUM_HASHES, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
    b = rng.integers(0, 1 << 32, NUM_HASHES, dtype=np.uint64).astype(np.uint32)
    values = np.empty(len(sh.value), dtype=np.uint32)
    shifted = np.empty(len(sh.value), dtype=np.uint32)
    for h in range(NUM_HASHES):
        np.multiply(sh.value, a[h], out=values)
        values += b[h]
        np.right_shift(values, np.uint32(15), out=shifted)
        values ^= shifted
        sig[targets, h] = np.minimum.reduceat(values, starts)
    return sig


def band_keys(sig: np.ndarray, band: int) -> np.ndarray:
    """One uint64 key per text for the signature values of one band."""
    part = sig[:, band * ROWS_PER_BAND:(band + 1) * ROWS_PER_BAND].astype(np.uint64)
    key = (part[:, 0] << np.uint64(32)) | part[:, 1]
    for j in range(2, ROWS_PER_BAND):
        key = mix64(key) ^ part[:, j]
    return key


def candidate_pairs(sig: np.ndarray, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b), a < b, of texts sharing a band bucket, each text paired with the next `window`.

    Buckets are found by one plain sort per band of `(band key with its low bits replaced by the text
    index)`: much faster than an argsort. Dropping those low key bits can only merge buckets, i.e. add
    candidates, which the verification then rejects.
    """
    texts = np.flatnonzero(sig[:, 0] != EMPTY)
    bits = np.uint64(max(int(len(texts)).bit_length(), 1))
    low = (np.uint64(1) << bits) - np.uint64(1)
    found = []
    for band in range(BANDS):
        packed = np.sort((band_keys(sig[texts], band) & ~low) | np.arange(len(texts), dtype=np.uint64))
        bucket, member = packed >> bits, (packed & low).astype(np.int64)
        for d in range(1, window + 1):
            i = np.flatnonzero(bucket[:-d] == bucket[d:])
            if len(i) == 0:
                break  # no bucket has more than d members
            a, b = texts[member[i]], texts[member[i + d]]
            found.append(np.minimum(a, b).astype(np.uint64) << np.uint64(32) | np.maximum(a, b).astype(np.uint64))
    if not found:
        return np.array([], np.int64), np.array([], np.int64)
    pairs = sorted_unique(np.concatenate(found))
    return (pairs >> np.uint64(32)).astype(np.int64), (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)


def shingle_jaccard(a: np.ndarray, b: np.ndarray, sh: Shingles) -> np.ndarray:
    """Exact Jaccard similarity of the shingle sets of texts a[i] and b[i] (vectorised, chunked)."""
    if len(a) == 0:
        return np.array([], dtype=np.float64)
    texts = sorted_unique(np.r_[a, b])
    start, count = sh.bounds()
    # each involved text's distinct shingles, grouped by its position in `texts`
    local = np.repeat(np.arange(len(texts), dtype=np.uint64), count[texts])
    idx = _segments(start[texts], count[texts])
    keys = sorted_unique((local << np.uint64(32)) | sh.value[idx].astype(np.uint64))
    set_value = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint64)
    set_count = np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=len(texts))
    set_start = np.concatenate([[0], np.cumsum(set_count)[:-1]]).astype(np.int64)
    la, lb = np.searchsorted(texts, a), np.searchsorted(texts, b)
    out = np.empty(len(a), dtype=np.float64)
    cum = np.cumsum(set_count[la] + set_count[lb])
    lo = 0
    while lo < len(a):  # chunks of about CHUNK_ELEMENTS shingles bound the memory
        base = cum[lo - 1] if lo else 0
        hi = max(int(np.searchsorted(cum, base + CHUNK_ELEMENTS, side="right")), lo + 1)
        pa_, pb_ = la[lo:hi], lb[lo:hi]
        pid = np.arange(hi - lo, dtype=np.uint64)
        both = np.r_[
            (np.repeat(pid, set_count[pa_]) << np.uint64(32)) | set_value[_segments(set_start[pa_], set_count[pa_])],
            (np.repeat(pid, set_count[pb_]) << np.uint64(32)) | set_value[_segments(set_start[pb_], set_count[pb_])]]
        both.sort()
        equal = both[1:] == both[:-1]
        inter = np.bincount((both[1:][equal] >> np.uint64(32)).astype(np.int64), minlength=hi - lo)
        union = set_count[pa_] + set_count[pb_] - inter
        out[lo:hi] = inter / np.maximum(union, 1)
        lo = hi
    return out


def _segments(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated index ranges [start, start + count) without a Python loop."""
    total = int(counts.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + offsets


@dataclass
class NearPairs:
    """Verified near-duplicate pairs between distinct texts, as pairs of normalised ids (a < b)."""

    norm_of_text: np.ndarray  # normalised id of each distinct text
    n_norm: int
    a: np.ndarray
    b: np.ndarray
    candidates: int  # candidate pairs from LSH, before verification
    similarity: np.ndarray  # bigram Jaccard similarity of each verified pair


def near_pairs(dictionary: pa.Array, distinct: int, seed: int = 7) -> NearPairs:
    """Near-duplicate pairs among `dictionary[:distinct]`: steps 1-4 of the module docstring."""
    token, parent = word_ids(tokenise(dictionary.slice(0, distinct)))
    pa.default_memory_pool().release_unused()  # the word strings are gone; give their memory back
    norm_of_text = normalised_ids(token, parent, distinct)
    sh = shingles(token, parent, distinct)
    sig = signatures(sh, seed)
    # one representative text per normalised id
    n_norm = int(norm_of_text.max(initial=-1)) + 1
    rep = np.full(n_norm, -1, dtype=np.int64)
    rep[norm_of_text[::-1]] = np.arange(distinct)[::-1]
    a, b = candidate_pairs(sig[rep])
    similarity = shingle_jaccard(rep[a], rep[b], sh)
    ok = similarity >= NEAR_JACCARD
    return NearPairs(norm_of_text, n_norm, a[ok], b[ok], len(a), similarity[ok])


def near_duplicates(codes: np.ndarray, dictionary: pa.Array, distinct: int | None = None,
                    seed: int = 7) -> NearDuplicates:
    """Near duplicates of dictionary-encoded texts (`codes` per row, MISSING_CODE for missing).

    Only `dictionary[:distinct]` is tokenised (the values the rows use come first; see `checks.hashing`).
    """
    distinct = len(dictionary) if distinct is None else distinct
    pairs = near_pairs(dictionary, distinct, seed)
    norm_of_text, n_norm = pairs.norm_of_text, pairs.n_norm
    near_norm = np.zeros(n_norm, dtype=bool)
    near_norm[pairs.a] = True
    near_norm[pairs.b] = True
    present = codes != MISSING_CODE
    norm_id = np.where(present, norm_of_text[np.where(present, codes, 0)], -1) if distinct else \
        np.full(len(codes), -1, dtype=np.int64)
    near = near_norm[np.maximum(norm_id, 0)] & present if n_norm else np.zeros(len(codes), dtype=bool)
    return NearDuplicates(near, norm_id, pairs.candidates, len(pairs.a), recall(pairs.similarity))


def candidate_probability(similarity: np.ndarray) -> np.ndarray:
    """Probability that LSH makes a pair of this bigram Jaccard similarity a candidate."""
    return 1.0 - (1.0 - similarity ** ROWS_PER_BAND) ** BANDS


def recall(found_similarities: np.ndarray) -> float | None:
    """Estimated share of all near-duplicate pairs that were found: each found pair of similarity s
    stands for 1/P(s) pairs (Horvitz-Thompson), so recall = found / sum(1/P(s)). It counts only what
    the banding misses (pairs beyond a bucket's window are missed too), so it is an upper bound and
    the near-duplicate count is a lower bound."""
    if len(found_similarities) == 0:
        return None
    return float(len(found_similarities) / np.sum(1.0 / candidate_probability(found_similarities)))


def near_duplicate_mask(texts: pd.Series, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """(near-duplicate mask, normalised-text id) for a text column on its own."""
    enc = encode_jointly([texts])
    result = near_duplicates(enc.codes[0], enc.dictionary, enc.first_frame_distinct, seed)
    return result.near, result.norm_id
