# F14: numeric object keys, typical of .tfvars
ports = {
  22  = { protocol = "Tcp", allow = true }
  443 = { protocol = "Tcp", allow = false }
}
location = "westeurope"
sizes    = [1, 2.5, 1e3]
