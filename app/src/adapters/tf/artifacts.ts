/**
 * A model to and from memory in the tfjs save format (the file layout and checks are in
 * model-files.ts; export and import round-trip exactly, see artifacts.test.ts).
 */
import * as tf from "@tensorflow/tfjs";
import type { ModelArtifacts } from "./model-files.ts";

export {
  type ModelArtifacts,
  type ModelMeta,
  modelJson,
  modelMetaSchema,
  parseModelFiles,
  WEIGHTS_FILE,
} from "./model-files.ts";

/** Saves a model to memory (no I/O). */
export async function saveArtifacts(model: tf.LayersModel): Promise<ModelArtifacts> {
  let out: ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData;
      const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : (data as ArrayBuffer);
      out = {
        modelTopology: a.modelTopology as object,
        weightSpecs: a.weightSpecs ?? [],
        weightData: buffer,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  if (!out) throw new Error("The model could not be serialised.");
  return out;
}

/** Loads a model from memory. */
export function loadArtifacts(a: ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: a.modelTopology,
      weightSpecs: a.weightSpecs,
      weightData: a.weightData,
    }),
  );
}
