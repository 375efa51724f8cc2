#!/usr/bin/env bash
# The HTML validity test runs the Nu Html Checker (vnu.jar), which needs Java 11 or newer.
# Install Debian's headless JRE if no java is found (root only).
set -u
command -v java >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Java for the HTML checker (apt-get install -y default-jre-headless)..."
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; then
    exit 0
  fi
fi
echo "Java is needed for the HTML validity test (the Nu Html Checker) and could not be installed."
echo "Install it with: sudo apt-get install -y default-jre-headless"
exit 1
