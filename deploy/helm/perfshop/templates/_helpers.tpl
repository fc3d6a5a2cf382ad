{{/* The namespace of a group: <release>-<group> (never a fixed name). */}}
{{- define "perfshop.ns" -}}
{{- printf "%s-%s" .root.Release.Name .group | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The shared observability namespace: the release's own. */}}
{{- define "perfshop.obsNs" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{- define "perfshop.labels" -}}
app.kubernetes.io/part-of: perfshop
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- if .group }}
perfshop.dev/group: {{ .group }}
{{- end }}
{{- if .service }}
app.kubernetes.io/name: {{ .service }}
{{- end }}
{{- end -}}

{{- define "perfshop.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .service }}
{{- end -}}

{{/* The groups after the cap: fails the render with a clear message. */}}
{{- define "perfshop.checkGroups" -}}
{{- if gt (len .Values.groups) (int .Values.maxGroups) -}}
{{- fail (printf "groups: %d groups, more than maxGroups (%d)" (len .Values.groups) (int .Values.maxGroups)) -}}
{{- end -}}
{{- end -}}
