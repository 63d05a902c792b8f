locals {
  egress = {
    studio = var.studio_destination
    ml     = "AzureMachineLearning"
  }
}

module "nsg" {
  source      = "./modules/nsg"
  name        = "nsg-ml"
  location    = var.location
  destination = local.egress.studio
}

output "nsg_id" {
  value = module.nsg.id
}
