{{/*
Names, labels and the pieces every AtollDB pod shares. A process is found by the stable DNS name of
its pod under its role's headless Service: <pod>.<fullname>-<role>.<namespace>.svc.<clusterDomain>.
*/}}

{{- define "atoll.fullname" -}}
{{- if contains "atoll" .Release.Name -}}
{{- .Release.Name | trunc 24 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-atoll" .Release.Name | trunc 24 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "atoll.labels" -}}
app.kubernetes.io/name: atoll
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one role: (dict "ctx" $ "component" "node") */}}
{{- define "atoll.selectorLabels" -}}
app.kubernetes.io/name: atoll
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "atoll.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}

{{/* The headless Service of a role, and the DNS name of one of its pods. */}}
{{- define "atoll.headless" -}}
{{ include "atoll.fullname" .ctx }}-{{ .component }}
{{- end -}}

{{- define "atoll.podHost" -}}
{{ .pod }}.{{ include "atoll.headless" . }}.{{ .ctx.Release.Namespace }}.svc.{{ .ctx.Values.clusterDomain }}
{{- end -}}

{{/* The metadata replicas: the first three zones, one StatefulSet "<fullname>-metadata-<zone>" each. */}}
{{- define "atoll.metadataZones" -}}
{{ toJson (slice .Values.zones 0 3) }}
{{- end -}}

{{- define "atoll.metadataPod" -}}
{{ include "atoll.fullname" .ctx }}-metadata-{{ .zone }}-0
{{- end -}}

{{/* Every metadata replica as id@zone@raftHost:raftPort@rpcHost:rpcPort (the --peers form). */}}
{{- define "atoll.metadataPeers" -}}
{{- $ctx := . -}}
{{- $peers := list -}}
{{- range fromJsonArray (include "atoll.metadataZones" .) -}}
{{- $pod := include "atoll.metadataPod" (dict "ctx" $ctx "zone" .) -}}
{{- $host := include "atoll.podHost" (dict "ctx" $ctx "component" "metadata" "pod" $pod) -}}
{{- $peers = append $peers (printf "%s@%s@%s:%d@%s:%d" $pod . $host (int $ctx.Values.metadata.ports.raft) $host (int $ctx.Values.metadata.ports.rpc)) -}}
{{- end -}}
{{- join "," $peers -}}
{{- end -}}

{{/* The metadata replicas' gRPC addresses host:port (the --metadata form). */}}
{{- define "atoll.metadataAddresses" -}}
{{- $ctx := . -}}
{{- $addresses := list -}}
{{- range fromJsonArray (include "atoll.metadataZones" .) -}}
{{- $pod := include "atoll.metadataPod" (dict "ctx" $ctx "zone" .) -}}
{{- $addresses = append $addresses (printf "%s:%d" (include "atoll.podHost" (dict "ctx" $ctx "component" "metadata" "pod" $pod)) (int $ctx.Values.metadata.ports.rpc)) -}}
{{- end -}}
{{- join "," $addresses -}}
{{- end -}}

{{/* Refuses values the cluster cannot run with, before anything is applied. */}}
{{- define "atoll.validate" -}}
{{- if lt (len .Values.zones) 3 -}}
{{- fail "zones: AtollDB keeps one replica of every partition in each of three zones; list at least three" -}}
{{- end -}}
{{- if ne (len .Values.zones) (len (uniq .Values.zones)) -}}
{{- fail "zones: every zone may appear only once" -}}
{{- end -}}
{{- range .Values.zones -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$" .) -}}
{{- fail (printf "zones: %q must be a DNS label of at most 16 characters (it names the zone's workloads)" .) -}}
{{- end -}}
{{- end -}}
{{- if lt (int .Values.nodes.replicasPerZone) 1 -}}
{{- fail "nodes.replicasPerZone: every zone needs at least one storage node" -}}
{{- end -}}
{{- if .Values.tls.enabled -}}
{{- fail "tls.enabled: AtollDB does not speak TLS yet; the tls values are a placeholder" -}}
{{- end -}}
{{- end -}}

{{/* Pod-level security: a fixed unprivileged user (the image's uid 10001) owning the volumes. */}}
{{- define "atoll.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security: nothing writable but the mounted volumes, no capabilities. */}}
{{- define "atoll.containerSecurityContext" -}}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* Startup, liveness and readiness probes on the admin port named "admin". */}}
{{- define "atoll.probes" -}}
startupProbe:
  httpGet: {path: /health/live, port: admin}
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: /health/live, port: admin}
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet: {path: /health, port: admin}
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- end -}}

{{/* Pod template annotations: Prometheus discovery of the admin port, plus the user's own. */}}
{{- define "atoll.podAnnotations" -}}
{{- if .ctx.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .adminPort | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- with .ctx.Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* What every pod spec shares: no API token, no service links (they would inject ATOLL_* variables). */}}
{{- define "atoll.podCommon" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- include "atoll.podSecurityContext" . | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end -}}

{{/* The /tmp emptyDir volume. */}}
{{- define "atoll.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}

{{/* The data volume claim template of a StatefulSet: (dict "storage" .Values.nodes.storage) */}}
{{- define "atoll.dataClaim" -}}
- metadata:
    name: data
  spec:
    accessModes: [ReadWriteOnce]
    {{- with .storage.storageClass }}
    storageClassName: {{ . }}
    {{- end }}
    resources:
      requests:
        storage: {{ .storage.size }}
{{- end -}}

{{/* Required scheduling into one zone: (dict "ctx" $ "zone" "zone-a") */}}
{{- define "atoll.zoneAffinity" -}}
nodeAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    nodeSelectorTerms:
      - matchExpressions:
          - key: {{ .ctx.Values.zoneLabel }}
            operator: In
            values: [{{ .zone | quote }}]
{{- end -}}
