//! The training engine of steps 2–9 (in progress): matrices in the book's convention
//! (samples are rows, Z = X·W + B), dense layers with explicit backward passes,
//! activations, losses, initialisers, mini-batch SGD and metrics.
