# ecs-lattice: the user's entry points. Each target says what it does; `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
.DEFAULT_GOAL := help

.PHONY: help build test
help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort | column -t -s "$$(printf '\t')"

build: ## compile and package every module
	$(MVN) -DskipTests install

# --- Running workflows (runtime/, examples/; owner: core) ---
.PHONY: run cli
run: ## run the hello workflow on the local executor (compiles task-runner, task-image, runtime, examples first when changed)
	@bin/ecs-lattice run io.ecslattice.examples.HelloWorkflow

.PHONY: install-libs
install-libs: ## install runtime-core and runtime-ecs (and their parents, task-runner, task-image) into ~/.m2 for your own project
	$(MVN) -q -DskipTests -pl runtime/core,runtime/ecs -am install

cli: ## the ecs-lattice CLI, e.g. make cli ARGS="status" (same as bin/ecs-lattice status)
	@bin/ecs-lattice $(ARGS)

.PHONY: bench-dispatcher
bench-dispatcher: ## print the dispatcher's own cost per node: 1,000 trivial in-process electrons on a real SQLite store
	$(MVN) -q -pl task-runner,runtime/core -am -DskipTests install
	$(MVN) -q -pl runtime/core exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ecslattice.bench.DispatcherOverheadBench -Dexec.args="1000 5"

.PHONY: bench-ui
bench-ui: chromium ## print the UI at scale: a 1,000-node dispatch page in headless Chromium, the ui server's memory with 100 dispatches
	$(MVN) -q -pl runtime/cli -am -DskipTests install
	$(MVN) -q -pl runtime/cli exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ecslattice.ui.UiScaleBench

# make test's local cloud: three streams of cloud tests share one account there, each starting up to ~15 tasks at
# once (the matrix's dispatches, pool workers), so a new account's 6 Fargate vCPUs would turn their runs into
# quota waits. The quota test gives its own cluster the default 6 (QuotaLocalCloudTest).
TEST_VCPU_QUOTA ?= 1000
test: chromium ## run every test (installs what they need, brings the local cloud up when needed, and down after if it started it)
	@started=$$(mktemp); \
	trap 'rc=$$?; $(LOCAL_CLOUD) down --only $$started; [ $$rc = 0 ] || bin/test-failures --newer $$started; rm -f $$started' EXIT; \
	LOCAL_CLOUD_FARGATE_VCPU_QUOTA=$(TEST_VCPU_QUOTA) LOCAL_CLOUD_FARGATE_SPOT_VCPU_QUOTA=$(TEST_VCPU_QUOTA) \
	  $(LOCAL_CLOUD) up --record $$started || exit 1; \
	source $(LOCAL_CLOUD_DIR)/env && $(MAKE) --no-print-directory deploy-local \
	  && echo "make test: 1/3 every module built and installed, and its tests without the local cloud run (as make check)" \
	  && $(MVN) -T 2 install -DskipTests && MVN="$(MVN)" bin/check-tests \
	  && echo "make test: 2/3 the tests tagged local-cloud, three streams side by side" \
	  && MVN="$(MVN)" local-cloud/scripts/cloud-tests.sh \
	  && echo "make test: 3/3 the release smoke" \
	  && $(MAKE) --no-print-directory smoke

.PHONY: check
check: chromium ## the inner loop: build and install every module, then run every test that needs no Docker engine and no local cloud (not tagged local-cloud) in four streams side by side
	@echo "make check: 1/2 every module compiled and installed (no tests yet)"
	$(MVN) -T 2 install -DskipTests
	@echo "make check: 2/2 the tests without the local cloud, four streams side by side"
	@started=$$(mktemp); MVN="$(MVN)" bin/check-tests || { bin/test-failures --newer $$started; rm -f $$started; exit 1; }; rm -f $$started

.PHONY: docs
docs: ## check README.md, docs/ and bench/RESULTS.md: code blocks equal their example regions, relative links resolve, reference pages name every setting, CLI option and UI route (SNIPPETS_WRITE=true copies each example region into its block)
	$(MVN) -q -pl examples -am test -Dtest='Doc*Test' -Dsurefire.failIfNoSpecifiedTests=false -Dsnippets.write=$(or $(SNIPPETS_WRITE),false)

.PHONY: smoke
smoke: ## release check: deploy, hello workflow, a failing electron, cancel, logs, destroy, with each step's time (AWS by your credentials; the local cloud when its env is sourced)
	@bench/smoke.sh

.PHONY: fault-proxy
fault-proxy: ## run the fault proxy on 127.0.0.1:4567 in front of moto (plan JSON in ECS_LATTICE_FAULTS; clients: AWS_ENDPOINT_URL=http://127.0.0.1:4567)
	$(MVN) -q -pl local-cloud/fault-proxy -am -DskipTests install
	$(MVN) -q -pl local-cloud/fault-proxy exec:java -Dexec.mainClass=io.ecslattice.localcloud.faults.FaultProxyMain

# --- AWS deployment (infra/: the CDK app; owner: infra) ---
# The CDK CLI is pinned in package.json and installed into node_modules/ on first use.
CDK := node_modules/.bin/cdk
# Context values for the stack, as key=value pairs: make deploy CDK_CONTEXT="vpcMode=private logRetentionDays=7"
CDK_CONTEXT ?=
# Extra flags for cdk deploy/destroy, e.g. CDK_FLAGS="--require-approval never --profile dev"
CDK_FLAGS ?=
# jsii runs Node inside the JVM and would print a Node 20 end-of-life banner on every synth.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CDK_DISABLE_CLI_TELEMETRY := true
INFRA_CLASSPATH := infra/target/classpath.txt

.PHONY: synth deploy destroy
synth: ## write the stack's CloudFormation template to cdk.out/ (offline: no AWS, no CDK CLI)
	$(MVN) -q -pl infra compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	rm -rf cdk.out
	java -cp infra/target/classes:$$(cat $(INFRA_CLASSPATH)) io.ecslattice.infra.InfraApp $(CDK_CONTEXT)

$(CDK): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(CDK)

deploy: synth $(CDK) ## deploy the stack to the AWS account of your credentials; writes cdk-outputs.json
	$(CDK) deploy --app cdk.out --all --no-notices --outputs-file cdk-outputs.json $(CDK_FLAGS)

destroy: synth $(CDK) ## delete the deployed stack (the artifact bucket is kept; see docs/operations/destroy.md)
	$(CDK) destroy --app cdk.out --all --force --no-notices $(CDK_FLAGS)
	@echo "Pool queues (<stack>_pool-*, <stack>_done-*) are not part of the stack and stay; remove them with"
	@echo "  bin/ecs-lattice pool delete --all    (from this directory: it finds the stack settings in cdk-outputs.json)"
	@echo "or  for q in \$$(aws sqs list-queues --queue-name-prefix EcsLatticeStack_ --query 'QueueUrls[]' --output text); do aws sqs delete-queue --queue-url \$$q; done"

# --- The local cloud (local-cloud/: moto, Docker engine, registry, base image, ECS agent; owner: localcloud) ---
LOCAL_CLOUD := local-cloud/scripts/local-cloud.sh
LOCAL_CLOUD_DIR := $(or $(ECS_LATTICE_LOCAL_CLOUD_DIR),/tmp/ecs-lattice-local-cloud)

.PHONY: local-cloud-up local-cloud-down deploy-local
local-cloud-up: ## start the offline AWS region (reuses a running one); writes env and config.toml in its state dir
	$(LOCAL_CLOUD) up

local-cloud-down: ## stop what local-cloud-up started
	$(LOCAL_CLOUD) down

deploy-local: synth ## create the stack in the local cloud's moto (idempotent); writes cdk-outputs.json
	@test -f $(LOCAL_CLOUD_DIR)/env || { echo "local cloud not up: run make local-cloud-up"; exit 1; }
	source $(LOCAL_CLOUD_DIR)/env && python3 local-cloud/scripts/deploy_local.py cdk.out/EcsLatticeStack.template.json cdk-outputs.json

# --- The web UI (runtime/cli/src/main/java/io/ecslattice/ui; owner: ui) ---
# The UI's browser tests drive Debian's Chromium through its chromedriver, never a downloaded browser.
.PHONY: chromium
chromium: ## make sure Debian's chromium and chromium-driver are installed (for the UI's browser tests)
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" != 0 ]; then echo "browser tests need: sudo apt-get install -y chromium chromium-driver"; exit 1; fi; \
	  echo "installing chromium and chromium-driver with apt-get (for the UI's browser tests)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi
UI_PORT ?= 8080
UI_BIND ?= 127.0.0.1
.PHONY: ui
ui: ## serve the web UI on http://127.0.0.1:8080/ (UI_PORT=, UI_BIND=; compiles task-runner, task-image, runtime, examples when changed)
	@bin/ecs-lattice ui --port $(UI_PORT) --bind $(UI_BIND)

# --- make bench (bench/: one JVM per row against the local cloud; owner: bench) ---
.PHONY: bench
bench: ## measure AWS calls per task, latency, client CPU/heap, image pushes and the warm pool on the local cloud; prints a table, writes bench/results/*.json (BENCH_ROWS=pool: only the pool rows)
	@test -f $(LOCAL_CLOUD_DIR)/env || { echo "local cloud not up: run make local-cloud-up"; exit 1; }
	$(MAKE) --no-print-directory deploy-local
	$(MVN) -q -pl bench,local-cloud -am -DskipTests package
	source $(LOCAL_CLOUD_DIR)/env && java -cp "bench/target/classes:bench/target/bench-lib/*" io.ecslattice.bench.Bench
	@if [ -z "$$BENCH_ROWS" ]; then $(MAKE) --no-print-directory bench-ui; else echo "bench: BENCH_ROWS=$$BENCH_ROWS ran only those rows; make bench-ui measures the UI"; fi

# --- The demo: the hello workflow on the ECS executor in the local cloud (owner: ecs) ---
# MODE=task runs each electron as its own ECS task; MODE=pool runs them on warm pool workers fed by SQS.
MODE ?= task
.PHONY: demo
demo: ## local cloud up, stack deployed into it, hello workflow on the ECS executor (MODE=task or MODE=pool): prints Hello, World! and where the logs are
	@case "$(MODE)" in task|pool) ;; *) echo "MODE=$(MODE) is not a mode; valid: task, pool"; exit 2;; esac
	@$(MAKE) --no-print-directory local-cloud-up deploy-local
	@source $(LOCAL_CLOUD_DIR)/env && config=$$(mktemp) && trap 'rm -f $$config' EXIT && \
	awk -v mode='$(MODE)' '{print} $$0 == "[executors.ecs]" {print "mode = \"" mode "\""}' "$$ECS_LATTICE_CONFIG" > $$config && \
	ECS_LATTICE_CONFIG=$$config ECS_LATTICE_EXECUTOR=ecs bin/ecs-lattice run io.ecslattice.examples.HelloWorkflow
	@python3 -c 'import json; o = json.load(open("cdk-outputs.json"))["EcsLatticeStack"]; \
	pool = "$(MODE)" == "pool"; \
	print("\nEach electron ran " + ("on a warm pool worker (an ECS task fed by the SQS queue EcsLatticeStack_pool-*; it stops after pool_idle_seconds=60 without work)" if pool else "as an ECS task") + " in cluster " + o["EcsClusterName"] + ", configured from cdk-outputs.json alone."); \
	print("Its output is in CloudWatch Logs group " + o["EcsTaskLogGroupName"] + ", stream ecs-lattice/electron/<task id>:"); \
	print("  bin/ecs-lattice status <dispatch id>      # nodes with their task ARNs and the estimated Fargate cost"); \
	print("  bin/ecs-lattice logs <dispatch id> <node>  # the last lines of a task'"'"'s log stream"); \
	print("  bin/ecs-lattice pool list                  # the pool queues (MODE=pool)" if pool else "  make demo MODE=pool                        # the same on warm pool workers"); \
	print("The local agent that played Fargate logged to $(LOCAL_CLOUD_DIR)/agent.log")'
