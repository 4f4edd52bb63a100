/** The node registry record, {@link io.pushfleet.model.registry.NodeInfo}, that edges report and the control plane reads. */
package io.pushfleet.model.registry;
