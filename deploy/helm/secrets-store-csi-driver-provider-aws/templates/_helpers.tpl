{{/*
Names and labels. They reproduce the reference chart's output exactly, because the DaemonSet
selector (app: <name>) is immutable and the RBAC objects are found by name: a `helm upgrade` from
a release of the Go provider's chart must update these objects in place.
*/}}

{{/* The chart name, or nameOverride; at most 63 characters. */}}
{{- define "ascp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name: fullnameOverride, else the release name when it already contains the
chart name, else "<release>-<name>"; at most 63 characters (a DNS label).
*/}}
{{- define "ascp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "<chart>-<version>" for the helm.sh/chart label. */}}
{{- define "ascp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels of every object and of the pods. */}}
{{- define "ascp.labels" -}}
helm.sh/chart: {{ include "ascp.chart" . }}
app.kubernetes.io/name: {{ include "ascp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app: {{ include "ascp.name" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The service account the DaemonSet runs as. */}}
{{- define "ascp.serviceAccountName" -}}
{{- default (include "ascp.fullname" .) .Values.rbac.serviceAccountName }}
{{- end }}

{{/* The image reference. */}}
{{- define "ascp.image" -}}
{{- printf "%s:%s" .Values.image.repository (toString .Values.image.tag) }}
{{- end }}

{{/*
The container's security context: the user's securityContext, plus, in driver-writes mode, the
non-root identity (a key the user set wins).
*/}}
{{- define "ascp.securityContext" -}}
{{- $sc := deepCopy (default (dict) .Values.securityContext) }}
{{- if .Values.driverWritesSecrets }}
{{- $sc = merge $sc (dict "runAsNonRoot" true "runAsUser" (int .Values.nonRoot.uid) "runAsGroup" (int .Values.nonRoot.gid)) }}
{{- end }}
{{- toYaml $sc }}
{{- end }}

{{/*
The memory limit in MiB when it is written in Mi or Gi, else empty; NOTES.txt warns below the
JVM's measured need.
*/}}
{{- define "ascp.memoryLimitMi" -}}
{{- $limit := toString (dig "limits" "memory" "" (default (dict) .Values.resources)) }}
{{- if regexMatch "^[0-9]+Mi$" $limit }}
{{- trimSuffix "Mi" $limit }}
{{- else if regexMatch "^[0-9]+Gi$" $limit }}
{{- mul (trimSuffix "Gi" $limit | int) 1024 }}
{{- end }}
{{- end }}
