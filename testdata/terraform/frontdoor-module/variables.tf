variable "location" {
  type    = string
  default = "westeurope"
}

# the studio used to need the Front Door frontend tag; this default is the risk
variable "studio_destination" {
  type    = string
  default = "AzureFrontDoor.Frontend"
}
