package dev.perfshop.server.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReviewRepository extends JpaRepository<Review, Long> {

  List<Review> findByProductIdOrderByCreatedAtDescIdDesc(Long productId);
}
