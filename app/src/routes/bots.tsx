/* Bots page: train a model with honest walk-forward evaluation, keep models in the registry, and run bots on paper. */
import { onMount } from "solid-js";
import "../features/ml/ml.css";
import "../features/ml/bench-hook.ts";
import { refreshBots, resumeActiveBots } from "../features/ml/bot-store.ts";
import { BotsView } from "../features/ml/bots-view.tsx";
import { refreshModels } from "../features/ml/model-store.ts";
import { ModelsView } from "../features/ml/models-view.tsx";
import { TrainPanel } from "../features/ml/train-panel.tsx";
import { refreshTrainDatasets } from "../features/ml/train-store.ts";

export function BotsPage() {
  onMount(() => {
    void refreshTrainDatasets();
    void refreshModels();
    void refreshBots().then(resumeActiveBots);
  });
  return (
    <section class="page ml-page">
      <h1>Bots</h1>
      <p>
        Train a model on your data and see honestly whether it has an edge: every figure below is out of
        sample (walk-forward, with a purge gap), next to buy-and-hold and the same model trained on shuffled
        labels.
      </p>
      <h2>Train a model</h2>
      <TrainPanel />
      <h2 class="ml-section">Models</h2>
      <ModelsView />
      <h2 class="ml-section">Bots</h2>
      <BotsView />
    </section>
  );
}
