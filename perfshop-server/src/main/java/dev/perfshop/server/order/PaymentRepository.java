package dev.perfshop.server.order;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PaymentRepository extends JpaRepository<Payment, Long> {

  Optional<Payment> findByOrderId(long orderId);
}
