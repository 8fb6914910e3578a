# ecs-lattice: the user's entry points. Each target says what it does; `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
.DEFAULT_GOAL := help

.PHONY: help build test
help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort | column -t -s "$$(printf '\t')"

build: ## compile and package every module
	$(MVN) -DskipTests install

test: ## run every test (brings the local cloud up when needed)
	$(MVN) install

.PHONY: fault-proxy
fault-proxy: ## run the fault proxy on 127.0.0.1:4567 in front of moto (plan JSON in ECS_LATTICE_FAULTS; clients: AWS_ENDPOINT_URL=http://127.0.0.1:4567)
	$(MVN) -q -pl local-cloud/fault-proxy -am -DskipTests install
	$(MVN) -q -pl local-cloud/fault-proxy exec:java -Dexec.mainClass=io.ecslattice.localcloud.faults.FaultProxyMain
