"""The recorded reference's per-seed list (tools/torch_twin/experiment/reference.py): ascending by
seed, the best-ID epoch's accuracies and the embedding drift, rounded as the intervals are."""
from ..experiment import reference as ref


def run(seed, id_, ood, drift):
    return {'seed': seed, 'best': {'id': id_, 'ood': ood}, 'embedDrift': drift}


def test_per_seed_sorted_and_rounded():
    rs = [run(202, 0.8410000205, 0.8259999752, 0.391234567), run(200, 0.843, 0.819000017, 0.39149)]
    assert ref.per_seed(rs) == [
        {'seed': 200, 'id': 0.843, 'ood': 0.819, 'embedDrift': 0.39149},
        {'seed': 202, 'id': 0.841, 'ood': 0.826, 'embedDrift': 0.39123},
    ]


def test_interval_matches_hand_values():
    # 0.80, 0.82, 0.78: mean 0.8, sd 0.02, half 2.920 * 0.02 / sqrt(3) = 0.03372
    assert ref.interval([0.80, 0.82, 0.78]) == {'mean': 0.8, 'half': 0.03372, 'n': 3}
