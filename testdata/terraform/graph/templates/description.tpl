owned by ${owner}: %{ for t in tags }deny ${t}; %{ endfor }
