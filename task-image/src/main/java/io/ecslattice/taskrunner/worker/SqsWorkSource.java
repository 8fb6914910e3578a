package io.ecslattice.taskrunner.worker;

import io.ecslattice.taskrunner.S3Storage;
import io.ecslattice.wire.PoolEvent;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.WorkMessage;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A pool worker's electrons from an SQS work queue (ECS pool mode). A received electron stays invisible
 * to other workers while it runs ({@link WorkItem#keepAlive()} extends it); a worker that dies leaves it to
 * reappear and run again. The delivery after the last allowed attempt is not run: the worker reports it
 * dead-lettered to the dispatch's completion queue and moves it to the dead-letter queue. Results are
 * written to their S3 object (so a resumed client finds them) and announced on the completion queue,
 * inline when small. An attempt sent more than once (by a resumed client) runs for the send that claimed it
 * first ({@link WorkMessage}); other sends are dropped. Cancellation is an S3 object the client writes,
 * checked at receive and at each keep-alive.
 */
public final class SqsWorkSource implements WorkSource {
    /** The work source URI scheme: {@code sqs:<queue URL>}. */
    public static final String SCHEME = "sqs";
    /** The dead-letter queue's URL. */
    public static final String ENV_DEAD_LETTER_QUEUE_URL = "ECS_LATTICE_DEAD_LETTER_QUEUE_URL";
    /** Seconds a received electron stays invisible between keep-alives. */
    public static final String ENV_VISIBILITY_SECONDS = "ECS_LATTICE_VISIBILITY_SECONDS";
    /** Deliveries of an electron that may run; the next one is dead-lettered. */
    public static final String ENV_MAX_ATTEMPTS = "ECS_LATTICE_MAX_ATTEMPTS";
    /**
     * Message attribute of an electron sent again by a worker of another code version: the deliveries it had
     * before. SQS counts every receive, so handing a message back would use up a delivery; sending a copy
     * that carries the count (and deleting the original) does not.
     */
    public static final String EARLIER_DELIVERIES = "ecs-lattice-earlier-deliveries";
    /**
     * Message attribute of an electron a worker sent back unfinished (it could not take it, or store its result):
     * why, e.g. {@code it could not take it: <type>: <message>}.
     */
    public static final String REFUSAL = "ecs-lattice-refusal";
    /** A refusal is cut to this, so the message stays far below SQS's message size (256 KiB before 2025, 1 MiB since). */
    static final int MAX_REFUSAL_CHARS = 2000;
    private static final java.util.regex.Pattern NOT_SQS_TEXT =
            java.util.regex.Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private final SqsClient sqs;
    private final S3Storage s3;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final int visibilitySeconds;
    private final int maxAttempts;
    private final String codeVersion;
    private final String worker;
    private final PrintStream log;
    private final Map<String, Item> byKey = new ConcurrentHashMap<>();
    /**
     * What follows an electron's completion message (its result object, the work message's delete) runs here,
     * so the worker takes its next electron while these calls are under way: in a chain of electrons the
     * worker's own calls, not the client's, are the critical path. Drained by {@link #close()}.
     */
    /** Reads the cancel marker beside the claim (see accept). */
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "ecs-lattice-worker-checks");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService afterCompletion = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "ecs-lattice-worker-after-completion");
        thread.setDaemon(true);
        return thread;
    });

    SqsWorkSource(SqsClient sqs, S3Storage s3, String queueUrl, String deadLetterQueueUrl, int visibilitySeconds,
                  int maxAttempts, String codeVersion, String worker, PrintStream log) {
        this.sqs = sqs;
        this.s3 = s3;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.visibilitySeconds = visibilitySeconds;
        this.maxAttempts = maxAttempts;
        this.codeVersion = codeVersion;
        this.worker = worker;
        this.log = log;
    }

    /** Opens {@code sqs:<queue URL>} with the settings the client put in the worker's environment. */
    public static final class Provider implements WorkSourceProvider {
        @Override
        public String scheme() {
            return SCHEME;
        }

        @Override
        public WorkSource open(URI uri, Map<String, String> env) {
            String queueUrl = uri.getSchemeSpecificPart();
            SqsClient sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            return new SqsWorkSource(sqs, new S3Storage(), queueUrl, env.getOrDefault(ENV_DEAD_LETTER_QUEUE_URL, queueUrl + "-dlq"),
                    Integer.parseInt(env.getOrDefault(ENV_VISIBILITY_SECONDS, "30").trim()),
                    Integer.parseInt(env.getOrDefault(ENV_MAX_ATTEMPTS, "3").trim()),
                    env.get(WorkerMain.ENV_CODE_VERSION), workerName(env), System.err);
        }
    }

    @Override
    public List<WorkItem> receive(int max, Duration wait) throws IOException {
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.max(1, Math.min(10, max)))
                    .waitTimeSeconds((int) Math.max(1, Math.min(20, wait.toSeconds())))
                    .visibilityTimeout(visibilitySeconds)
                    .messageAttributeNames(EARLIER_DELIVERIES, REFUSAL)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        } catch (RuntimeException e) {
            throw new IOException("receiving from " + queueUrl + " failed: " + e.getMessage(), e);
        }
        List<WorkItem> items = new ArrayList<>();
        for (Message message : messages) {
            try {
                Item item = accept(message);
                if (item != null) {
                    items.add(item);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                log.println("ecs-lattice worker: dropping a message that is no readable electron: " + e.getMessage());
                delete(message.receiptHandle());
            } catch (IOException | RuntimeException e) {
                refuse(message, e);
            }
        }
        return items;
    }

    /**
     * A message this worker cannot take (S3 or SQS failed past the SDK's retries, or the message names what cannot be
     * read): never lose the electron, let it come again. It goes back as a copy that carries why ({@link #REFUSAL}), so
     * when it is dead-lettered at last the node's error names the cause instead of guessing its workers died; and the
     * log line names the electron, so the dead-letter report finds this worker's log.
     */
    private void refuse(Message message, Exception e) {
        String reason = "it could not take it: " + e;
        log.println("ecs-lattice worker: cannot take " + describe(message) + " (" + e + "); handing it back to be"
                + " delivered again");
        sendBack(message.body(), message.receiptHandle(), delivery(message), reason);
    }

    /**
     * Puts a received message back as a copy carrying the deliveries so far ({@code delivery}, this one counted) and
     * {@code reason} ({@link #REFUSAL}, cut to {@link #MAX_REFUSAL_CHARS}), then deletes the original; when SQS takes
     * no copy, the original just becomes visible again.
     */
    private void sendBack(String body, String receiptHandle, int delivery, String reason) {
        String cut = reason.length() <= MAX_REFUSAL_CHARS ? reason : reason.substring(0, MAX_REFUSAL_CHARS) + " [...]";
        // SQS refuses a message attribute holding characters outside XML's (say, a control character of a node id).
        String refusal = NOT_SQS_TEXT.matcher(cut).replaceAll("?");
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(
                    EARLIER_DELIVERIES, MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(delivery)).build(),
                    REFUSAL, MessageAttributeValue.builder().dataType("String").stringValue(refusal).build())));
            delete(receiptHandle);
        } catch (RuntimeException again) {
            log.println("ecs-lattice worker: cannot hand it back with its reason (" + again + "); it is delivered again"
                    + " when its visibility ends");
            try {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(0));
            } catch (RuntimeException third) {
                // Its visibility runs out by itself.
            }
        }
    }

    /** Deliveries of the message so far, this one included, counting those before a worker sent it again. */
    private static int delivery(Message message) {
        MessageAttributeValue earlier = message.messageAttributes().get(EARLIER_DELIVERIES);
        return (earlier == null ? 0 : Integer.parseInt(earlier.stringValue()))
                + Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    }

    /** The electron a message carries, in the words of the worker's other log lines, as far as the message tells it. */
    private static String describe(Message message) {
        try {
            WorkMessage work = Wire.mapper().readValue(message.body(), WorkMessage.class);
            return work.spec() != null ? describe(work.spec()) : "the electron whose spec is at " + work.specUri();
        } catch (IOException | RuntimeException e) {
            return "message " + message.messageId();
        }
    }

    /** The item to run, or null when the message was answered here (dead-lettered, sent again, cancelled). */
    private Item accept(Message message) throws IOException {
        WorkMessage work = Wire.mapper().readValue(message.body(), WorkMessage.class);
        int delivery = delivery(message);
        boolean ours = codeVersion == null || codeVersion.equals(work.codeVersion());
        TaskSpec spec;
        try {
            spec = work.spec() != null ? work.spec() : Wire.mapper().readValue(s3.read(work.specUri()), TaskSpec.class);
        } catch (IOException | RuntimeException e) {
            if (ours && delivery > maxAttempts) {
                // No spec, so no node to report to: stop handing it round (a sent-back copy restarts SQS's own count).
                log.println("ecs-lattice worker: the spec at " + work.specUri() + " could not be read on " + (delivery - 1)
                        + " deliveries (last: " + e + "); moving the message to the dead-letter queue");
                sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody(message.body()));
                delete(message.receiptHandle());
                return null;
            }
            throw e;
        }
        Item item = new Item(spec, work, message.body(), message.receiptHandle(), delivery);
        String runner = null;
        if (ours && delivery > 1 && work.claimUri() != null) {
            // Delivered again: the worker that took it may still run it, past SQS's 12 h visibility cap (AttemptHeartbeat).
            try {
                runner = s3.claim(work.claimUri(), work.sendId());
                if (runner.equals(work.sendId()) && !redeliveryRuns(item, message)) {
                    return null;
                }
            } catch (IOException | RuntimeException e) {
                if (delivery <= maxAttempts) {
                    throw e;
                }
                // Out of attempts and the claim unreadable: dead-letter it below with the reason it carries, rather
                // than hand it round for ever.
                runner = null;
            }
        }
        if (ours && delivery > maxAttempts) {
            log.println("ecs-lattice worker: " + describe(spec) + " was delivered " + (delivery - 1)
                    + " times and never finished; reporting it dead-lettered");
            MessageAttributeValue refused = message.messageAttributes().get(REFUSAL);
            announce(item, new PoolEvent(Wire.VERSION, PoolEvent.Kind.DEAD_LETTERED, spec.dispatchId(), spec.nodeId(),
                    spec.attempt(), delivery, worker, null, spec.resultUri(), refused == null ? null : refused.stringValue()));
            sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody(message.body())
                    .messageAttributes(refused == null ? Map.of() : Map.of(REFUSAL, refused)));
            delete(message.receiptHandle());
            return null;
        }
        // The cancel marker is read while the attempt is claimed: both are on the way to the electron's start.
        CompletableFuture<Boolean> cancelMarker = ours && work.cancelUri() != null
                ? CompletableFuture.supplyAsync(() -> s3.exists(work.cancelUri()), checks)
                : CompletableFuture.completedFuture(false);
        if (ours && work.claimUri() != null) {
            runner = runner != null ? runner : s3.claim(work.claimUri(), work.sendId());
            if (!runner.equals(work.sendId())) {
                // The first send runs (or ran) this attempt and reports on the same completion queue.
                log.println("ecs-lattice worker: " + describe(spec) + " was sent again (send " + work.sendId()
                        + ") after send " + runner + " claimed it; dropping this copy unrun");
                delete(message.receiptHandle());
                return null;
            }
        }
        if (!ours) {
            return item;   // handed back unrun; never registered, so it cannot hide a running attempt of the same key
        }
        boolean cancelledBeforeRun;
        try {
            cancelledBeforeRun = cancelMarker.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        // Registered only now: an attempt dropped above may be running on this worker under the same key.
        byKey.put(key(spec), item);
        if (cancelledBeforeRun) {
            Instant now = Instant.now();
            TaskResult cancelled = new TaskResult(Wire.VERSION, spec.dispatchId(), spec.nodeId(), null,
                    new TaskError("Cancelled", "cancelled before it ran", ""), "", "", now, now);
            resultSink().write(spec, cancelled);
            item.ack();
            return null;
        }
        return item;
    }

    /**
     * Whether a redelivery of the send that claimed its attempt runs here: not while the attempt's heartbeat is
     * fresh (it is put back, invisible for {@link #holdSeconds()}, as a copy carrying the deliveries so far, so
     * holding it uses up no delivery), nor once its result exists (its completion is sent again, pointing at the
     * result object, in case the worker died before sending it); yes when the worker that ran it died.
     */
    private boolean redeliveryRuns(Item item, Message message) throws IOException {
        TaskSpec spec = item.spec;
        // A live worker beats every third of the visibility; a dead one's message reappears a whole visibility after
        // its last beat. Two thirds tells them apart without delaying the rerun of a dead worker's electron.
        Duration staleAfter = Duration.ofMillis(Math.max(2000, visibilitySeconds * 2000L / 3));
        switch (AttemptHeartbeat.state(s3, item.work.claimUri(), spec.resultUri(), staleAfter)) {
            case RUNNING -> {
                log.println("ecs-lattice worker: " + describe(spec) + " was delivered again while another worker still runs it"
                        + " (its heartbeat is fresh); putting it back for " + holdSeconds() + " s");
                sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message.body()).delaySeconds(holdSeconds())
                        .messageAttributes(Map.of(EARLIER_DELIVERIES, MessageAttributeValue.builder().dataType("Number")
                                .stringValue(String.valueOf(item.delivery - 1)).build())));
                delete(message.receiptHandle());
                return false;
            }
            case FINISHED -> {
                log.println("ecs-lattice worker: " + describe(spec) + " was delivered again after it finished; reporting its result");
                announce(item, new PoolEvent(Wire.VERSION, PoolEvent.Kind.DONE, spec.dispatchId(), spec.nodeId(), spec.attempt(),
                        item.delivery, worker, null, spec.resultUri(), null));
                delete(message.receiptHandle());
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * How long a redelivered electron that still runs elsewhere stays invisible (SQS's longest delay at most). The
     * put-back copy is then the only one: if the running worker dies, its electron waits this long to run again, so
     * the hold is short (three visibilities) at the price of one receive and send per hold while it runs.
     */
    private int holdSeconds() {
        return (int) Math.min(900, 3L * visibilitySeconds);
    }

    @Override
    public Duration keepAliveInterval() {
        return Duration.ofMillis(Math.max(500, visibilitySeconds * 1000L / 3));
    }

    @Override
    public ResultSink resultSink() {
        return (spec, result) -> {
            byte[] json = Wire.mapper().writeValueAsBytes(result);
            boolean inline = json.length <= Wire.MAX_INLINE_RESULT_BYTES;
            Item item = byKey.get(key(spec));
            // A completion that carries its result goes first: the client needs nothing else, so the result
            // object (read only by a resumed client, which also reads the completion queue) is off the
            // critical path. A large result is written before the completion that points at it.
            if (!inline || item == null) {
                s3.write(spec.resultUri(), json, "application/json");
            }
            if (item != null) {
                announce(item, new PoolEvent(Wire.VERSION, PoolEvent.Kind.DONE, spec.dispatchId(), spec.nodeId(), spec.attempt(),
                        item.delivery, worker, inline ? result : null, spec.resultUri(), null));
                if (inline) {
                    item.resultObject = json;   // written by ack, after the completion
                }
            }
        };
    }

    private void announce(Item item, PoolEvent event) throws IOException {
        String body = Wire.mapper().writeValueAsString(event);
        try {
            sqs.sendMessage(r -> r.queueUrl(item.work.completionQueueUrl()).messageBody(body));
        } catch (QueueDoesNotExistException e) {
            // The dispatch ended and its client deleted the queue: this was a second delivery nobody awaits. (Not a
            // queue in its first second, which SQS also answers so: the client sends an electron only once SQS
            // serves its completion queue, SqsQueues.ensureCompletionQueue.)
            log.println("ecs-lattice worker: the completion queue of " + describe(item.spec) + " is gone (its dispatch"
                    + " ended); the result stays in " + item.spec.resultUri());
        }
    }

    private void delete(String receiptHandle) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle));
    }

    @Override
    public void close() {
        // Items received and not handed out do not exist here: receive hands out all it accepts.
        checks.shutdown();
        afterCompletion.shutdown();
        try {
            if (!afterCompletion.awaitTermination(1, TimeUnit.MINUTES)) {
                log.println("ecs-lattice worker: result objects or deletes still under way after a minute; their"
                        + " electrons are delivered again and their second completions dropped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sqs.close();
        s3.close();
    }

    private static String key(TaskSpec spec) {
        return spec.dispatchId() + "/" + spec.nodeId() + "/" + spec.attempt();
    }

    private static String describe(TaskSpec spec) {
        return "electron " + spec.className() + "." + spec.methodName() + " (" + PoolEvent.logMention(spec.dispatchId(),
                spec.nodeId(), spec.attempt()) + ")";
    }

    /** The worker's ECS task ARN from the task metadata endpoint (Fargate), else host and process id. */
    static String workerName(Map<String, String> env) {
        String metadata = env.get("ECS_CONTAINER_METADATA_URI_V4");
        if (metadata != null && !metadata.isBlank()) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metadata + "/task"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                String arn = Wire.mapper().readTree(response.body()).path("TaskARN").asText("");
                if (!arn.isEmpty()) {
                    return arn;
                }
            } catch (IOException | RuntimeException e) {
                // Fall back to a name that still tells workers apart.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String host = env.getOrDefault("HOSTNAME", "worker");
        return host + "/" + ProcessHandle.current().pid();
    }

    private final class Item implements WorkItem {
        private final TaskSpec spec;
        private final WorkMessage work;
        private final String body;
        private final String receiptHandle;
        private final int delivery;
        private volatile Runnable stop;
        /** SQS refused to extend this receipt's invisibility: said once in the log, and not asked again. */
        private volatile boolean visibilityCapped;
        /** A result already sent inline in the completion, still to be written to its object. */
        private volatile byte[] resultObject;

        Item(TaskSpec spec, WorkMessage work, String body, String receiptHandle, int delivery) {
            this.spec = spec;
            this.work = work;
            this.body = body;
            this.receiptHandle = receiptHandle;
            this.delivery = delivery;
        }

        @Override
        public TaskSpec spec() {
            return spec;
        }

        @Override
        public String codeVersion() {
            return work.codeVersion();
        }

        /** Done: the result object (when the completion carried the result) and the delete follow in the background. */
        @Override
        public void ack() {
            byKey.remove(key(spec), this);
            byte[] json = resultObject;
            afterCompletion.execute(() -> {
                try {
                    if (json != null) {
                        s3.write(spec.resultUri(), json, "application/json");
                    }
                } catch (RuntimeException e) {
                    log.println("ecs-lattice worker: cannot write the result object of " + describe(spec) + " (" + e
                            + "); its completion carries the result");
                }
                try {
                    delete(receiptHandle);
                } catch (RuntimeException e) {
                    log.println("ecs-lattice worker: cannot delete " + describe(spec) + " from its queue (" + e
                            + "); it is delivered again and its second completion dropped");
                }
            });
        }

        @Override
        public void keepAlive() {
            try {
                if (!visibilityCapped) {   // once refused, SQS refuses every later extension of this receipt too
                    sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(visibilitySeconds));
                }
            } catch (software.amazon.awssdk.services.sqs.model.SqsException e) {
                String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                if (work.claimUri() == null || !("InvalidParameterValue".equals(code) || "ReceiptHandleIsInvalid".equals(code))) {
                    throw e;
                }
                // SQS refuses to keep a message invisible past 12 h from its receipt (or a worker that received it again
                // put it back as a copy): the heartbeat below keeps this attempt ours; other workers hold the message.
                if (!visibilityCapped) {
                    visibilityCapped = true;
                    log.println("ecs-lattice worker: " + describe(spec) + " can no longer be kept invisible (" + code
                            + "); it runs on, kept by its heartbeat");
                }
            }
            // Beside the keep-alives, never delaying the next extension, which is the one that must come in time.
            if (work.claimUri() != null) {
                checks.execute(() -> {
                    try {
                        AttemptHeartbeat.beat(s3, work.claimUri(), worker);
                    } catch (RuntimeException e) {
                        log.println("ecs-lattice worker: cannot write the heartbeat of " + describe(spec) + ": " + e);
                    }
                });
            }
            Runnable cancel = stop;
            if (cancel != null && work.cancelUri() != null && s3.exists(work.cancelUri())) {
                log.println("ecs-lattice worker: " + describe(spec) + " was cancelled; interrupting it");
                cancel.run();
            }
        }

        @Override
        public void release() {
            byKey.remove(key(spec), this);
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(0));
        }

        /** Goes back as a copy that carries the reason, as a message this worker could not take does ({@link #REFUSAL}). */
        @Override
        public void release(String reason) {
            byKey.remove(key(spec), this);
            sendBack(body, receiptHandle, delivery, reason);
        }

        /** A copy carrying the deliveries so far (this receive not counted) goes back on the queue; then the original goes. */
        @Override
        public void handBack() {
            byKey.remove(key(spec), this);
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(EARLIER_DELIVERIES,
                    MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(delivery - 1)).build())));
            delete(receiptHandle);
        }

        @Override
        public void onCancel(Runnable stop) {
            this.stop = stop;
        }
    }
}
