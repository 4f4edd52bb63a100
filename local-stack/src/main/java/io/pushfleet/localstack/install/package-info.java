/**
 * Finding the server programs and installing missing ones: {@link io.pushfleet.localstack.install.InstallPlan}
 * decides (apt as root on Debian, else tell the user), {@link io.pushfleet.localstack.install.PackageInstaller}
 * carries it out on a {@link io.pushfleet.localstack.install.Host}.
 */
package io.pushfleet.localstack.install;
