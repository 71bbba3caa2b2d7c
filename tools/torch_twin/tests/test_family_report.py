"""The family report's arithmetic (tools/torch_twin/pretrain/family_report.py) against values
worked out by hand: tied ranks, Spearman's rho, the bootstrap's percentile interval, the 90%
t-interval, the ID-only rate pick and issue #20's item-4 test."""
import math

from ..pretrain import family_report as fr


def test_ranks_average_ties():
    # 7 appears twice at sorted positions 2 and 3 (0-based): both get 2.5.
    assert fr.ranks([5, 6, 7, 8, 7]) == [0.0, 1.0, 2.5, 4.0, 2.5]


def test_spearman_without_ties_is_one_minus_6_sum_d2():
    # d = 1, 1, 1, 1, 0: rho = 1 - 6 * 4 / (5 * 24) = 0.8
    assert math.isclose(fr.spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 0.8)
    assert math.isclose(fr.spearman([1, 2, 3], [30, 20, 10]), -1.0)


def test_spearman_with_ties_is_pearson_on_mid_ranks():
    # rank deviations x: -2 -1 0 1 2; y: -2 -1 0.5 2 0.5 -> cov 8, var 10 and 9.5: 8 / sqrt(95)
    assert math.isclose(fr.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 8 / math.sqrt(95))
    assert math.isnan(fr.spearman([1, 2, 3], [4, 4, 4]))


def test_bootstrap_interval_three_points():
    # x = 1 2 3, y = 1 3 2. Of the 27 resamples, 3 repeat one point (rho undefined, skipped);
    # 6 use all three points (rho 0.5); 18 use two: the pairs (1,2) and (1,3) are concordant
    # (rho +1, 12 resamples), (2,3) discordant (rho -1, 6). So 25% of the valid mass sits at -1
    # and 50% at +1: the 5th and 95th percentiles are -1 and +1.
    assert fr.bootstrap([1, 2, 3], [1, 3, 2], n=4000) == [-1.0, 1.0]


def test_bootstrap_of_a_monotone_relation_is_one():
    # Every resample with two or more distinct points keeps the order: rho = 1.
    assert fr.bootstrap([0.2, 0.7, 1.3, 2.0, 8.2], [-3.0, 1.0, 2.5, 9.0, 14.0], n=2000) == [1.0, 1.0]


def test_mean_ci_uses_t_with_n_minus_1_df():
    # mean 3, sd sqrt(2.5), half-width 2.132 * sqrt(2.5) / sqrt(5) = 1.5076
    assert fr.mean_ci([1, 2, 3, 4, 5]) == dict(mean=3.0, lo=1.49, hi=4.51, n=5)


def run(model, method, lr, seed, id_, ood=0.5, diverged=False):
    return dict(model=model, method=method, lr=lr, seed=seed, diverged=diverged,
                best=dict(id=id_, ood=ood), benchmark='acquisition-preset')


def test_rate_pick_is_by_mean_id_over_the_sweep_seeds_only():
    runs = [run('m', 'sgd', 0.01, 100, 0.80, ood=0.1), run('m', 'sgd', 0.01, 101, 0.70, ood=0.1),
            run('m', 'sgd', 0.03, 100, 0.74, ood=0.9), run('m', 'sgd', 0.03, 101, 0.74, ood=0.9),
            run('m', 'sgd', 0.1, 100, 0.99), run('m', 'sgd', 0.1, 101, 0.99, diverged=True),
            run('m', 'sgd', 0.3, 0, 1.0)]  # a seed outside the sweep never counts
    # means: 0.01 -> 0.75, 0.03 -> 0.74 (better OOD, ignored), 0.1 diverged on one seed, 0.3 unswept
    assert fr.picked_lr(runs, 'm', 'sgd') == 0.01


def test_rate_pick_tie_goes_to_the_lower_rate_as_in_the_matrix():
    # resnet-sgd's sgd-freeze sweep: 0.03 and 0.1 both average 0.962; the matrix ran seeds 0-4 at 0.03.
    runs = [run('m', 'sgd-freeze', 0.1, 100, 0.964), run('m', 'sgd-freeze', 0.1, 101, 0.960),
            run('m', 'sgd-freeze', 0.03, 101, 0.960), run('m', 'sgd-freeze', 0.03, 100, 0.964)]
    assert fr.picked_lr(runs, 'm', 'sgd-freeze') == 0.03


def test_lesson_candidate_conditions():
    ci = lambda m, lo, hi: dict(mean=m, lo=lo, hi=hi, n=5)  # noqa: E731
    g = dict(ood={'sgd': ci(50, 45, 55), 'adamw': ci(70, 60, 80), 'sgd-freeze': ci(69.5, 68, 71)})
    assert fr.lesson_candidate(3.0, g) == dict(ratioAtLeast3=True, beyondBothIntervals=True, freezeWithin1=True, all=True)
    g['ood']['adamw'] = ci(70, 54, 86)  # overlaps SGD's interval
    assert fr.lesson_candidate(8.2, g)['all'] is False
    assert fr.lesson_candidate(2.9, g)['ratioAtLeast3'] is False
