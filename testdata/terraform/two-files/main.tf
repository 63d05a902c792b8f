resource "azurerm_machine_learning_compute_cluster" "gpu" {
  name                          = "cc-gpu"
  location                      = var.location
  vm_priority                   = "Dedicated"
  vm_size                       = "Standard_NC6s_v3"
  machine_learning_workspace_id = var.workspace_id
  node_public_ip_enabled        = var.public_ip

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 1
    scale_down_nodes_after_idle_duration = "PT10M"
  }
}
