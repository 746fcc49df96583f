"""Write BENCHMARKS.md from the JSON files the benchmark scripts leave in bench/results/.

    python bench/report.py
"""
import json
from pathlib import Path

R = Path('bench/results')
load = lambda name: json.loads((R / name).read_text()) if (R / name).exists() else None

def machine_line(m):
    return (f"{m.get('gpu') or m['cpu']} ({m['platform']}), {m['cores']} cores, torch {m['torch']} with "
            f"{m['torch_threads']} threads, device `{m['device']}`")

def main():
    out = ["# Benchmarks", "",
           "Measured with the scripts in `bench/` (each prints its table and writes the JSON in `bench/results/` that this page is",
           "built from by `python bench/report.py`). Timings are medians where a step repeats. No test asserts any of them.", ""]
    if (c := load('train_command_cpu.json')):
        out += ["## The README's `gerne-nb train` command, end to end", "", "`python bench/train_command.py --data-root ../shared/data`", "",
                f"`{c['command']}`, the dataset already in the cache:", "", "| torch threads | wall s | load average before | final test GBA |",
                "|---|---|---|---|"]
        out += [f"| {r['threads']} | {r['wall_s']:.1f} | {r['load_before']:.2f} | {r['final_test_gba']:.4f} |" for r in c['runs']]
        out += ["", f"Machine: {c['machine']['cpu']} ({c['machine']['platform']}), {c['machine']['cores']} cores, torch "
                f"{c['machine']['torch']}. The thread count changes float reductions and so a run's trajectory: its final test GBA "
                "differs between thread counts by about a seed's spread, and is identical for the same seed and thread count.", ""]
    if (m := load('method_speed_cpu.json')):
        out += ["## Training speed of every registered method against ERM's", "",
                f"`python bench/method_speed.py --data-root ../shared/data` (all measured in one run, {m['epochs']} epochs each after a warm-up)", "",
                "| method | steps/epoch | s/epoch | samples/s | samples/s relative to ERM |", "|---|---|---|---|---|"]
        out += [f"| {k} | {v['steps']} | {v['epoch_s']:.2f} | {v['samples_per_s']:,} | {v['vs_erm']:.3f} |" for k, v in m['results'].items()]
        out += ["", "A method's samples are the rows its steps forward: GERNE, resampling and class-balanced ERM forward two batches of "
                "K·B per step, the single-batch methods one. Colored MNIST 0.5 %, LC's MLP, B = 100.", f"Machine: {machine_line(m['machine'])}.", ""]
    if (k := load('checkpoint_cost_cpu.json')):
        out += ["## What a mid-run checkpoint costs", "", "`python bench/checkpoint_cost.py --data-root ../shared/data`", "",
                "| model | MB | save s | resume s | epoch s | save / epoch |", "|---|---|---|---|---|---|"]
        out += [f"| {n} | {v['mb']} | {v['save_s']:.4f} | {v['resume_s']:.4f} | {v['epoch_s']:.2f} | {v['save_vs_epoch']:.4f} |"
                for n, v in k['results'].items()]
        out += ["", "A checkpoint is written after every epoch by default (`--checkpoint-every`), atomically (a synced temporary "
                "file, then a rename). The ResNet-50 row trains on tiny test images: its epoch time is not a real epoch's, its "
                f"checkpoint size and cost are. Machine: {machine_line(k['machine'])}.", ""]
    if (g := load('gpu_table1_images_smoke.json')):
        t = g['throughput']
        out += ["## The prepared GPU run of Table 1's image columns, in its CPU smoke mode", "",
                "`bash bench/gpu_table1_images.sh --smoke` (the same code paths as the GPU run at a tiny size: 40 images per class, 1 epoch)", "",
                f"Plan printed before training: {g['plan']['seeds']} seed(s) × {g['plan']['epochs']} epoch(s), {g['plan']['images']:,} training images. "
                f"Trainer {t['trainer_img_s']:,} img/s against a model-only ceiling of {t['ceiling_img_s']:,} img/s at batch {t['batch']} "
                f"(fraction {t['fraction']:.3f}); GERNE step / ERM step at equal total batch {g['step_ms']['gerne'] / g['step_ms']['erm']:.3f}. "
                f"On a CPU at this size these figures only show that the path runs. Machine: {machine_line(g['machine'])}.", ""]
    if (p := load('profile_epoch_cpu.json')):
        out += ["## Where one C-MNIST epoch goes", "", "`python bench/profile_epoch.py --data-root ../shared/data`", "",
                "| phase | seconds | share |", "|---|---|---|"]
        out += [f"| {k} | {v:.3f} | {v / p['total']:.1%} |" for k, v in p['phases'].items()]
        out += [f"| total | {p['total']:.3f} | |", "",
                f"Sampling plus evaluation: {p['sampling_plus_eval_share']:.1%} of the epoch. Machine: {p['machine']}, "
                f"{p['threads']} torch threads, torch {p['torch']}.", ""]
    for name, title in (('step_cost_cpu.json', 'GERNE step against an ERM step with the same samples (CPU)'),
                        ('step_cost_cpu_small.json', 'The GPU step benchmarks, run on the CPU at a small size (no GPU was available)'),
                        ('step_cost_cuda.json', 'GERNE step against an ERM step with the same samples (GPU)')):
        if not (s := load(name)): continue
        out += [f"## {title}", "", f"`python bench/step_cost.py {'--small ' if s['small'] else ''}--models {' '.join(s['results'])}`", "",
                "| model | input | samples/step | ERM ms | GERNE ms | GERNE / ERM |", "|---|---|---|---|---|---|"]
        out += [f"| {k} | {'×'.join(map(str, v['shape']))} | {v['samples_per_step']} | {1e3 * v['erm_s']:.2f} | {1e3 * v['gerne_s']:.2f} | {v['ratio']:.3f} |"
                for k, v in s['results'].items()]
        out += ["", f"Machine: {machine_line(s['machine'])}.", ""]
    if (e := load('epoch_vs_dataloader_cpu.json')):
        g, st = e['gerne_nb'], e['standard']
        ours, std = g['train_s'] + g['eval_s'], st['train_s'] + st['eval_s']
        out += ["## A full C-MNIST epoch: this package against a standard PyTorch pipeline", "",
                "`python bench/epoch_vs_dataloader.py --data-root ../shared/data` (all three measured in one run)", "",
                "| pipeline | train s | eval s | epoch s | epoch time relative to gerne_nb |", "|---|---|---|---|---|",
                f"| gerne_nb (`Trainer`) | {g['train_s']:.2f} | {g['eval_s']:.2f} | {ours:.2f} | 1.00 |",
                f"| TensorDataset + 2 WeightedRandomSampler + 2 DataLoader ({e['workers']} workers), two forward/backward | {st['train_s']:.2f} | {st['eval_s']:.2f} | {std:.2f} | {std / ours:.2f} |",
                f"| model-only ceiling (pre-built batches) | {e['ceiling_s']:.2f} | – | {e['ceiling_s']:.2f} | {e['ceiling_s'] / ours:.2f} |", "",
                f"{e['steps']} steps of {e['samples_per_step']} samples. gerne_nb's epoch is **{e['speedup_vs_standard']:.2f}×** faster than the standard "
                f"pipeline; its training throughput is {e['train_fraction_of_ceiling']:.0%} of the model-only ceiling. Machine: {machine_line(e['machine'])}.", ""]
    if (t := load('time_to_gba_cpu.json')):
        r = t['reached']
        out += ["## Time to 75 % test GBA on Colored MNIST 0.5 %", "", "`python bench/time_to_gba.py --data-root ../shared/data`", "",
                (f"GERNE (c = 0.5, β = 1, seed 0) first reaches {t['target']:.0%} test GBA at epoch {r[0]}, after **{r[1]:.1f} s** "
                 f"of training and evaluation; the full 64 epochs take {t['total_s']:.1f} s." if r else
                 f"Test GBA did not reach {t['target']:.0%} within the run ({t['total_s']:.1f} s)."),
                f"Machine: {machine_line(t['machine'])}.", ""]
    for name, title in (('trainer_ceiling_cuda.json', "The trainer's ResNet-18 throughput against the model-only ceiling (GPU)"),
                        ('trainer_ceiling_cpu_small.json', "The trainer's ResNet path against its ceiling, on the CPU at a small size (no GPU was available)")):
        if not (c := load(name)): continue
        r = c['results']
        out += [f"## {title}", "", f"`python bench/trainer_ceiling.py{' --small' if c['small'] else ''}` (both measured in one run)", "",
                "| model | px | batch | ceiling img/s | trainer img/s | fraction | precision, channels_last |", "|---|---|---|---|---|---|---|",
                f"| {c['args']['arch']} | {c['args']['side']} | {r['batch']} | {r['ceiling_img_s']} | {r['trainer_img_s']} | {r['fraction']:.1%} | "
                f"{r['runtime']['precision']}, {r['runtime']['channels_last']} |", "",
                f"Machine: {machine_line(c['machine'])}." + (" At `--small`, on a CPU shared with training runs, these figures only show that the path runs." if c['small'] else ''), ""]
    out += ["## GPU", "", "No GPU was lent to the sessions that produced these numbers. On a GPU machine, run",
            "`python bench/step_cost.py`, `python bench/trainer_ceiling.py`, `python bench/epoch_vs_dataloader.py --device cuda` and",
            "`python bench/time_to_gba.py --device cuda`; they write `*_cuda.json`, which this page then includes.", ""]
    Path('BENCHMARKS.md').write_text('\n'.join(out))
    print('wrote BENCHMARKS.md')

if __name__ == '__main__': main()
