# PerfShop: the only entry points a user needs. The JDK (>= 21) is found by scripts/find-jdk.
SHELL := /bin/bash
JAVA_HOME := $(shell scripts/find-jdk)
export JAVA_HOME
MVN := ./mvnw -B -ntp
PORT ?= 8080
SERVER_JAR := perfshop-server/target/perfshop-server.jar

ifeq ($(JAVA_HOME),)
$(error no JDK 21+ found; see the message above)
endif

.PHONY: help run test build clean fmt bench

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

run: build ## start the embedded server (H2 under ./.perfshop/data) on http://localhost:$(PORT)
	@scripts/provision-lab
	@data="$${PERFSHOP_DATA_DIR:-./.perfshop/data}"; mkdir -p .perfshop && \
	  printf '# Written by make run: the server the perfshop CLI talks to.\nurl=http://localhost:%s\nadmin-token-file=%s\n' \
	    "$(PORT)" "$$(cd "$$(dirname "$$data")" && pwd)/$$(basename "$$data")/admin-token" > .perfshop/lab.properties
	@echo "PerfShop: pages http://localhost:$(PORT)/shop  /student  /instructor  /admin"
	@echo "PerfShop: shop API http://localhost:$(PORT)/api/products  metrics http://localhost:$(PORT)/actuator/prometheus  API docs http://localhost:$(PORT)/swagger-ui.html"
	@echo "PerfShop: admin token in $${PERFSHOP_DATA_DIR:-./.perfshop/data}/admin-token (header X-Admin-Token; unless PERFSHOP_ADMIN_TOKEN is set); ./perfshop finds both"
	@exec "$(JAVA_HOME)/bin/java" -jar $(SERVER_JAR) --server.port=$(PORT)

test: ## run every test suite (starts a throwaway MariaDB when mariadb-server is installed)
	scripts/with-mariadb $(MVN) verify

build: ## build the server jar and the CLI without running tests
	$(MVN) -q package -DskipTests

fmt: ## format the Java sources
	$(MVN) -q spotless:apply

bench: build ## whole-process benchmarks (needs wrk)
	bench/run

clean: ## remove build output (keeps ./.perfshop data)
	$(MVN) -q clean
