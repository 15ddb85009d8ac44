package io.nubo.network.subnetpool;

import org.springframework.data.jpa.repository.JpaRepository;

interface SubnetPoolRepository extends JpaRepository<SubnetPoolEntity, String> {
}
