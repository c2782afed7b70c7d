package io.lskd.binary.model;

import io.lskd.binary.layers.LayerLedger;
import io.lskd.graph.Network;

/** A network with quantized layers and the ledger its build fills in. */
public record BinaryNetwork(Network network, LayerLedger ledger) {
}
