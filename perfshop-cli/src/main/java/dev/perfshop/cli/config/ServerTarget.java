package dev.perfshop.cli.config;

import java.net.URI;

/** The server a command talks to, and the admin token to use (resolved, with their sources). */
public record ServerTarget(Resolved<URI> url, Resolved<AdminToken> adminToken) {}
