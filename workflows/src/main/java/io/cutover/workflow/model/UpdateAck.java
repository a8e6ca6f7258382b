package io.cutover.workflow.model;

import io.cutover.workflow.CutoverStep;

/** What an accepted Update answers: what will happen now, and the step it was accepted in. */
public record UpdateAck(String message, CutoverStep step) {}
