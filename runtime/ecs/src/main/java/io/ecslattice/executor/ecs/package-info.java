/**
 * The {@code ecs} executor: electrons as AWS ECS Fargate tasks. Settings from builder, config file and the stack's
 * outputs; the image built and pushed with Jib; one class per AWS service; registered through
 * {@code META-INF/services}.
 */
package io.ecslattice.executor.ecs;
