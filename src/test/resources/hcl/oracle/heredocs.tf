a = <<EOT
x
   EOT
b = <<EOT
${merge(
  a,
  b
)}
   EOT
c = <<EOT
EOTX
 EOT more
EOT
