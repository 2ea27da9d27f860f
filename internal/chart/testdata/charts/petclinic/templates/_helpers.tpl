{{/* Chart name, overridable like in `helm create` charts. */}}
{{- define "petclinic.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name alone when it already contains the chart name,
else "<release>-<chart>".
*/}}
{{- define "petclinic.fullname" -}}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "petclinic.labels" -}}
app.kubernetes.io/name: {{ include "petclinic.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{/*
Image from a {registry, repository, tag} map; global.imageRegistry, when
set, replaces the registry. Call with (dict "image" .Values.x.image "global" .Values.global).
*/}}
{{- define "petclinic.image" -}}
{{- $registry := .global.imageRegistry | default .image.registry -}}
{{- printf "%s/%s:%s" $registry .image.repository .image.tag -}}
{{- end }}
