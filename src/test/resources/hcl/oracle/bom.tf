variable "bom" {
  default = "after-bom"
}
