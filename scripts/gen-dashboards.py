#!/usr/bin/env python3
"""Generates the Grafana dashboards of compose-templates/config/grafana/dashboards/.

Run after editing: python3 scripts/gen-dashboards.py. The JSON files are committed; the lab test
(GrafanaDashboardsTests) checks that every query names a metric the server really exports.
"""
import json
import os

ROOT = os.path.join(os.path.dirname(__file__), "..", "compose-templates", "config", "grafana", "dashboards")
DS = {"type": "prometheus", "uid": "prometheus"}
# The instructor Prometheus (its own Grafana only): the only one with the chaos meters.
DS_INSTRUCTOR = {"type": "prometheus", "uid": "prometheus-instructor"}
SRV = 'job="perfshop-server"'


def panel(pid, title, exprs, unit="short", kind="timeseries", w=12, h=8, x=0, y=0, legend=None, desc=None, ds=DS):
    targets = []
    for i, e in enumerate(exprs):
        expr, fmt = e if isinstance(e, tuple) else (e, None)
        targets.append({"datasource": ds, "expr": expr, "refId": chr(65 + i),
                        "legendFormat": fmt or legend or "__auto", "exemplar": kind == "timeseries"})
    p = {"id": pid, "type": kind, "title": title, "datasource": ds, "targets": targets,
         "gridPos": {"h": h, "w": w, "x": x, "y": y},
         "fieldConfig": {"defaults": {"unit": unit}, "overrides": []}, "options": {}}
    if desc:
        p["description"] = desc
    if kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "value", "graphMode": "area"}
    return p


def dashboard(uid, title, tags, panels, refresh="5s"):
    return {"uid": uid, "title": title, "tags": ["perfshop"] + tags, "timezone": "browser",
            "schemaVersion": 39, "version": 1, "editable": False, "refresh": refresh,
            "time": {"from": "now-15m", "to": "now"}, "panels": panels,
            "templating": {"list": []}, "annotations": {"list": []}}


def grid(panels_spec, ds=DS):
    """Lays panels out two per row."""
    out, y = [], 0
    for i, spec in enumerate(panels_spec):
        kw = dict(spec[3]) if len(spec) > 3 else {}
        w = kw.pop("w", 12)
        h = kw.pop("h", 8)
        x = 0 if (i % 2 == 0 or w == 24) else 12
        out.append(panel(i + 1, spec[0], spec[1], spec[2], w=w, h=h, x=x, y=y, ds=ds, **kw))
        if x == 12 or w == 24:
            y += h
    return out


# Logs, traces and profiles (the lab's Loki, Tempo and Pyroscope; fixed uids of the provisioning).
LOKI = {"type": "loki", "uid": "loki"}
# The instructor's Loki tenant: every line with its chaos fields (its own Grafana only).
LOKI_INSTRUCTOR = {"type": "loki", "uid": "loki-instructor"}
TEMPO = {"type": "tempo", "uid": "tempo"}
PYROSCOPE = {"type": "grafana-pyroscope-datasource", "uid": "pyroscope"}
SERVICE = "perfshop-server"
LOGS = f'{{service="{SERVICE}"}}'
CPU_PROFILE = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
ALLOC_PROFILE = "memory:alloc_in_new_tlab_bytes:bytes:space:bytes"


def profile_query(profile_type):
    return {"refId": "A", "datasource": PYROSCOPE, "queryType": "profile",
            "profileTypeId": profile_type, "labelSelector": f'{{service_name="{SERVICE}"}}', "groupBy": []}


def link(title, ds, query):
    """A data link that opens another data source's query in Explore (trace -> logs -> profile)."""
    return {"title": title, "url": "", "internal": {"datasourceUid": ds["uid"], "datasourceName": ds["type"], "query": query}}


LOGS_OF_TRACE = link("Logs of this trace", LOKI, {"refId": "A", "datasource": LOKI, "expr": LOGS + ' |= "${__value.raw}"'})
PROFILE_OF_SERVICE = link(f"CPU profile of {SERVICE}", PYROSCOPE, profile_query(CPU_PROFILE))


def logs_panel(pid, title, expr, ds, x=0, y=0, w=24, h=12, desc=None):
    p = {"id": pid, "type": "logs", "title": title, "datasource": ds,
         "targets": [{"refId": "A", "datasource": ds, "expr": expr, "queryType": "range"}],
         "gridPos": {"h": h, "w": w, "x": x, "y": y},
         "fieldConfig": {"defaults": {"links": [PROFILE_OF_SERVICE] if ds == LOKI else []}, "overrides": []},
         "options": {"showTime": True, "wrapLogMessage": True, "sortOrder": "Descending",
                     "enableLogDetails": True, "prettifyLogMessage": False, "dedupStrategy": "none"}}
    if desc:
        p["description"] = desc
    return p


def loki_graph(pid, title, expr, legend, ds, x=0, y=0, w=12, h=8):
    return {"id": pid, "type": "timeseries", "title": title, "datasource": ds,
            "targets": [{"refId": "A", "datasource": ds, "expr": expr, "queryType": "range", "legendFormat": legend}],
            "gridPos": {"h": h, "w": w, "x": x, "y": y},
            "fieldConfig": {"defaults": {"unit": "short"}, "overrides": []}, "options": {}}


def traces_panel(pid, title, traceql, x=0, y=0, w=24, h=10, desc=None):
    p = {"id": pid, "type": "table", "title": title, "datasource": TEMPO,
         "targets": [{"refId": "A", "datasource": TEMPO, "queryType": "traceql", "query": traceql,
                      "limit": 20, "tableType": "traces"}],
         "gridPos": {"h": h, "w": w, "x": x, "y": y},
         "fieldConfig": {"defaults": {}, "overrides": [
             {"matcher": {"id": "byName", "options": "traceID"},
              "properties": [{"id": "links", "value": [LOGS_OF_TRACE, PROFILE_OF_SERVICE]}]}]},
         "options": {"showHeader": True, "sortBy": [{"displayName": "Duration", "desc": True}]}}
    if desc:
        p["description"] = desc
    return p


def flame_panel(pid, title, profile_type, x=0, y=0, w=12, h=14, desc=None):
    p = {"id": pid, "type": "flamegraph", "title": title, "datasource": PYROSCOPE,
         "targets": [profile_query(profile_type)],
         "gridPos": {"h": h, "w": w, "x": x, "y": y},
         "fieldConfig": {"defaults": {}, "overrides": []}, "options": {}}
    if desc:
        p["description"] = desc
    return p


RATE = f'sum(rate(http_server_requests_seconds_count{{{SRV}, uri!~"/actuator.*"}}[1m]))'
ERR = f'sum(rate(http_server_requests_seconds_count{{{SRV}, status=~"5.."}}[1m]))'

student = {
    "shop-overview": dashboard("perfshop-shop-overview", "Shop overview", ["student"], grid([
        ("Server up", [f'up{{{SRV}}}'], "short", {"kind": "stat", "w": 6, "h": 4}),
        ("Requests per second", [RATE], "reqps", {"kind": "stat", "w": 6, "h": 4}),
        ("Error ratio (5xx)", [f'{ERR} / clamp_min({RATE}, 1e-9)'], "percentunit", {"kind": "stat", "w": 6, "h": 4}),
        ("p95 latency", [f'histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))'], "s", {"kind": "stat", "w": 6, "h": 4}),
        ("Traffic by status", [(f'sum by (status) (rate(http_server_requests_seconds_count{{{SRV}, uri!~"/actuator.*"}}[1m]))', "{{status}}")], "reqps"),
        ("Latency p50 / p95 / p99", [
            (f'histogram_quantile(0.50, sum by (le) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))', "p50"),
            (f'histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))', "p95"),
            (f'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))', "p99")], "s"),
        ("Process CPU", [(f'process_cpu_usage{{{SRV}}}', "process"), (f'system_cpu_usage{{{SRV}}}', "system")], "percentunit"),
        ("Heap used", [(f'sum(jvm_memory_used_bytes{{{SRV}, area="heap"}})', "used"), (f'sum(jvm_memory_max_bytes{{{SRV}, area="heap"}})', "max")], "bytes"),
    ])),
    "latency-by-route": dashboard("perfshop-latency-by-route", "Latency by route", ["student"], grid([
        ("p95 latency by route", [(f'histogram_quantile(0.95, sum by (le, method, uri) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))', "{{method}} {{uri}}")], "s", {"w": 24}),
        ("p99 latency by route", [(f'histogram_quantile(0.99, sum by (le, method, uri) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))', "{{method}} {{uri}}")], "s", {"w": 24}),
        ("Mean latency by route", [(f'sum by (method, uri) (rate(http_server_requests_seconds_sum{{{SRV}, uri!~"/actuator.*"}}[1m])) / sum by (method, uri) (rate(http_server_requests_seconds_count{{{SRV}, uri!~"/actuator.*"}}[1m]))', "{{method}} {{uri}}")], "s"),
        ("Slowest request seen (max)", [(f'max by (method, uri) (http_server_requests_seconds_max{{{SRV}, uri!~"/actuator.*"}})', "{{method}} {{uri}}")], "s"),
        ("Requests per second by route", [(f'sum by (method, uri) (rate(http_server_requests_seconds_count{{{SRV}, uri!~"/actuator.*"}}[1m]))', "{{method}} {{uri}}")], "reqps", {"w": 24}),
    ])),
    "errors": dashboard("perfshop-errors", "Errors", ["student"], grid([
        ("Responses by status", [(f'sum by (status) (rate(http_server_requests_seconds_count{{{SRV}}}[1m]))', "{{status}}")], "reqps"),
        ("Outcome", [(f'sum by (outcome) (rate(http_server_requests_seconds_count{{{SRV}}}[1m]))', "{{outcome}}")], "reqps"),
        ("5xx by route", [(f'sum by (method, uri, exception) (rate(http_server_requests_seconds_count{{{SRV}, status=~"5.."}}[1m]))', "{{method}} {{uri}} {{exception}}")], "reqps", {"w": 24}),
        ("4xx by route", [(f'sum by (method, uri, status) (rate(http_server_requests_seconds_count{{{SRV}, status=~"4.."}}[1m]))', "{{status}} {{method}} {{uri}}")], "reqps", {"w": 24}),
        ("Error log lines per second", [(f'sum by (level) (rate(logback_events_total{{{SRV}, level=~"warn|error"}}[1m]))', "{{level}}")], "short", {"w": 24}),
    ])),
    "jvm": dashboard("perfshop-jvm", "JVM and database pool", ["student"], grid([
        ("Heap by pool", [(f'sum by (id) (jvm_memory_used_bytes{{{SRV}, area="heap"}})', "{{id}}")], "bytes"),
        ("Non-heap", [(f'sum by (id) (jvm_memory_used_bytes{{{SRV}, area="nonheap"}})', "{{id}}")], "bytes"),
        ("GC pauses per second", [(f'sum by (action, cause) (rate(jvm_gc_pause_seconds_count{{{SRV}}}[1m]))', "{{action}} {{cause}}")], "short"),
        ("GC pause time share", [(f'sum(rate(jvm_gc_pause_seconds_sum{{{SRV}}}[1m]))', "pause time / s")], "percentunit"),
        ("Threads", [(f'jvm_threads_live_threads{{{SRV}}}', "live"), (f'jvm_threads_peak_threads{{{SRV}}}', "peak"), (f'sum by (state) (jvm_threads_states_threads{{{SRV}}})', "{{state}}")], "short"),
        ("CPU", [(f'process_cpu_usage{{{SRV}}}', "process"), (f'system_cpu_usage{{{SRV}}}', "system")], "percentunit"),
        ("Hikari connections", [(f'hikaricp_connections_active{{{SRV}}}', "active"), (f'hikaricp_connections_idle{{{SRV}}}', "idle"), (f'hikaricp_connections_pending{{{SRV}}}', "pending"), (f'hikaricp_connections_max{{{SRV}}}', "max")], "short"),
        ("Hikari connection wait", [(f'rate(hikaricp_connections_acquire_seconds_sum{{{SRV}}}[1m]) / clamp_min(rate(hikaricp_connections_acquire_seconds_count{{{SRV}}}[1m]), 1e-9)', "mean acquire"), (f'rate(hikaricp_connections_timeout_total{{{SRV}}}[1m])', "timeouts / s")], "s"),
        ("Loaded classes", [(f'jvm_classes_loaded_classes{{{SRV}}}', "classes")], "short"),
        ("Open files", [(f'process_files_open_files{{{SRV}}}', "open"), (f'process_files_max_files{{{SRV}}}', "max")], "short"),
    ])),
}

student["signals"] = dashboard("perfshop-signals", "Logs, traces and profiles", ["student"], [
    traces_panel(1, "Slowest requests (traces over 200 ms)",
                 f'{{resource.service.name="{SERVICE}" && kind=server && duration > 200ms}}', y=0,
                 desc="The server's slowest requests from Tempo. Click a trace id: the trace's waterfall, its log lines (Loki, by trace id) or the server's CPU profile (Pyroscope, by service name)."),
    traces_panel(2, "Requests that failed (status error)",
                 f'{{resource.service.name="{SERVICE}" && kind=server && status=error}}', y=10, h=8),
    logs_panel(3, "Server log", LOGS, LOKI, y=18,
               desc="The server's log lines (Loki). Open a line: its trace_id links to the trace in Tempo; the CPU profile link opens the server's flame graph."),
    loki_graph(4, "Warnings and errors per minute", f'sum by (level) (count_over_time({{service="{SERVICE}", level=~"WARN|ERROR"}}[1m]))', "{{level}}", LOKI, y=30, w=24),
    flame_panel(5, "CPU profile (Pyroscope)", CPU_PROFILE, x=0, y=38,
                desc="Where the server spends CPU over the dashboard's time range: the widest frames of the shop's own code (dev.perfshop.server) are the suspects."),
    flame_panel(6, "Allocations (Pyroscope)", ALLOC_PROFILE, x=12, y=38),
])

instructor = {
    "chaos-activity": dashboard("perfshop-chaos-activity", "Chaos activity", ["instructor"], grid([
        ("Active anomalies", [(f'sum by (family, type, level) (perfshop_chaos_active{{{SRV}}})', "{{family}}/{{type}} L{{level}}")], "short", {"w": 24, "desc": "1 per chaos type in force, with its level."}),
        ("Injections per second", [(f'sum by (family, type) (rate(perfshop_chaos_injections_total{{{SRV}}}[1m]))', "{{family}}/{{type}}")], "short"),
        ("Injected share of traffic", [(f'sum(rate(perfshop_chaos_injections_total{{{SRV}}}[1m])) / clamp_min({RATE}, 1e-9)', "share")], "percentunit"),
        ("What students see: p95 latency", [(f'histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{{{SRV}, uri!~"/actuator.*"}}[1m])))', "p95")], "s"),
        ("What students see: 5xx per second", [(ERR, "5xx")], "reqps"),
    ], ds=DS_INSTRUCTOR)),
    "business": dashboard("perfshop-business", "Business", ["instructor"], grid([
        ("Orders per minute", [(f'sum by (customer) (rate(perfshop_orders_placed_total{{{SRV}}}[1m])) * 60', "{{customer}}")], "short"),
        ("Revenue per minute", [(f'sum by (customer) (rate(perfshop_orders_revenue_euros_total{{{SRV}}}[1m])) * 60', "{{customer}}")], "currencyEUR"),
        ("Cart additions per minute", [(f'sum(rate(perfshop_cart_additions_items_total{{{SRV}}}[1m])) * 60', "items")], "short"),
        ("Checkout failures per minute", [(f'sum by (reason) (rate(perfshop_checkout_failures_total{{{SRV}}}[1m])) * 60', "{{reason}}")], "short"),
        ("Orders (total)", [(f'sum(perfshop_orders_placed_total{{{SRV}}})', "orders")], "short", {"kind": "stat"}),
        ("Revenue (total)", [(f'sum(perfshop_orders_revenue_euros_total{{{SRV}}})', "revenue")], "currencyEUR", {"kind": "stat"}),
    ], ds=DS_INSTRUCTOR)),
    "class-progress": dashboard("perfshop-class-progress", "Class progress", ["instructor", "pedagogy"], grid([
        ("Enigmas solved per session", [(f'sum by (session) (perfshop_pedagogy_solves_total{{{SRV}}})', "session {{session}}")], "short", {"kind": "stat"}),
        ("Hints taken per session", [(f'sum by (session) (perfshop_pedagogy_hints_total{{{SRV}}})', "session {{session}}")], "short", {"kind": "stat"}),
        ("Answers per minute", [(f'sum by (session, outcome) (rate(perfshop_pedagogy_attempts_total{{{SRV}}}[1m])) * 60', "session {{session}} {{outcome}}")], "short"),
        ("Share of correct answers", [(f'sum by (session) (perfshop_pedagogy_attempts_total{{{SRV}, outcome="correct"}}) / clamp_min(sum by (session) (perfshop_pedagogy_attempts_total{{{SRV}}}), 1)', "session {{session}}")], "percentunit"),
        ("Solves per minute", [(f'sum by (session) (rate(perfshop_pedagogy_solves_total{{{SRV}}}[1m])) * 60', "session {{session}}")], "short", {"w": 24}),
    ], ds=DS_INSTRUCTOR)),
    "containers": dashboard("perfshop-containers", "Lab containers", ["instructor", "infrastructure"], grid([
        ("Containers up", [('sum by (service) (perfshop_container_up{job="lab-containers"})', "{{service}}")], "short"),
        ("Restarts (last 15 min)", [('sum by (service) (increase(perfshop_container_restarts_total{job="lab-containers"}[15m]))', "{{service}}")], "short"),
        ("CPU by service", [('sum by (service) (rate(perfshop_container_cpu_seconds_total{job="lab-containers"}[1m]))', "{{service}}")], "percentunit"),
        ("Memory by service", [('sum by (service) (perfshop_container_memory_bytes{job="lab-containers"})', "{{service}}"), ('sum by (service) (perfshop_container_memory_limit_bytes{job="lab-containers"})', "{{service}} limit")], "bytes"),
        ("Network in", [('sum by (service) (rate(perfshop_container_network_receive_bytes_total{job="lab-containers"}[1m]))', "{{service}}")], "Bps"),
        ("Network out", [('sum by (service) (rate(perfshop_container_network_transmit_bytes_total{job="lab-containers"}[1m]))', "{{service}}")], "Bps"),
        ("Healthy", [('sum by (service) (perfshop_container_healthy{job="lab-containers"})', "{{service}}")], "short"),
        ("Scrape targets up", [('up', "{{job}}")], "short"),
    ], ds=DS_INSTRUCTOR)),
}

instructor["chaos-logs"] = dashboard("perfshop-chaos-logs", "Chaos in the logs", ["instructor"], [
    loki_graph(1, "Log lines per minute by chaos family", f'sum by (chaos_family) (count_over_time({{service="{SERVICE}", chaos_family=~".+"}}[1m]))', "{{chaos_family}}", LOKI_INSTRUCTOR, w=24),
    logs_panel(2, "Lines written while an anomaly acted", f'{{service="{SERVICE}", chaos_family=~".+"}}', LOKI_INSTRUCTOR, y=8,
               desc="Every line carries chaos_family (a label), chaos_level and scenario_id (structured metadata): the truth students do not see in their tenant."),
    logs_panel(3, "Server log (instructor tenant, unredacted)", LOGS, LOKI_INSTRUCTOR, y=20),
])

for folder, boards in (("student", student), ("instructor", instructor)):
    os.makedirs(os.path.join(ROOT, folder), exist_ok=True)
    for name, board in boards.items():
        with open(os.path.join(ROOT, folder, name + ".json"), "w") as f:
            json.dump(board, f, indent=2)
            f.write("\n")
print("dashboards written under", os.path.normpath(ROOT))
