// Offline schema check of Kubernetes manifests: every object of a multi-document YAML file (or standard
// input) must be of a known kind and pass its OpenAPI schema (types, enums, required fields; unknown
// fields are not caught). Kubernetes kinds come from kubernetes-models, the ServiceMonitor from
// @kubernetes-models/prometheus-operator, both installed by .ci/install-tools into .ci/tools.
//
//   node deploy/k8s/check-schema.cjs rendered.yaml     (exit 0: all valid; 1: a list of problems)
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const tools = process.env.ATOLL_TOOLS || path.join(__dirname, "..", "..", ".ci", "tools");
const load = createRequire(path.join(tools, "package.json"));
const yaml = load("js-yaml");

function modelOf(apiVersion, kind) {
  const module = apiVersion.startsWith("monitoring.coreos.com/")
    ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  try {
    return load(module)[kind];
  } catch (e) {
    return undefined;
  }
}

const text = fs.readFileSync(process.argv[2] || 0, "utf8");
const objects = yaml.loadAll(text).filter((doc) => doc !== null && doc !== undefined);
const problems = [];
for (const object of objects) {
  const name = `${object.kind}/${object.metadata && object.metadata.name}`;
  const Model = object.apiVersion && object.kind ? modelOf(object.apiVersion, object.kind) : undefined;
  if (!Model) {
    problems.push(`${name}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
}
if (objects.length === 0) {
  problems.push("no objects found");
}
if (problems.length > 0) {
  console.log(problems.join("\n"));
  process.exit(1);
}
console.log(`${objects.length} objects valid`);
